using System.Linq;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The product of sizes (a flattened shape), checked in the generated code because an overridden option may be larger than its default.</summary>
internal sealed record CheckedProduct(EquatableArray<Dim> Factors) : SizeExpression
{
    public override string Render(string options) => "checked(" + string.Join(" * ", Factors.Select(f => f.CodeWith(options))) + ")";
}
