namespace QuickDrawDsl.Generator.Model;

/// <summary>A size that is one property of the options record.</summary>
internal sealed record OptionSize(string Property) : SizeExpression
{
    public override string Render(string options) => options + "." + Property;
}
