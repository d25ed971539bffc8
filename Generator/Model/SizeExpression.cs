namespace QuickDrawDsl.Generator.Model;

/// <summary>How a size that depends on the options record is computed: data in the plan, rendered to C# by the emitters.</summary>
internal abstract record SizeExpression
{
    /// <summary>The C# expression, where the options record is the expression <paramref name="options"/>.</summary>
    public abstract string Render(string options);
}
