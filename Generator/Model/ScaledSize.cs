using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A size times a small constant (the two directions of a bidirectional layer).</summary>
internal sealed record ScaledSize(long Factor, SizeExpression Inner) : SizeExpression
{
    public override string Render(string options) => Invariant.Of(Factor) + " * " + Inner.Render(options);
}
