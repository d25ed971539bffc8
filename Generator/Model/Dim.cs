using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// One axis of a shape (batch excluded). <see cref="Size"/> is -1 for a dynamic axis, whose <see cref="Text"/>
/// is its symbolic length (<c>time</c>, <c>ceil(time/2)</c>). <see cref="Expression"/> is how a size that depends on
/// the options record is computed from it, or null for a literal size; it renders itself for any options expression.
/// </summary>
internal sealed record Dim(long Size, string Text, SizeExpression? Expression = null)
{
    /// <summary>For a dynamic axis, the input's axis name (<c>time</c>) its length derives from.</summary>
    public string? Axis { get; init; }

    /// <summary>
    /// For a dynamic axis, its length as <c>floor((Axis + Offset) / Divisor)</c>: every window op composes into this
    /// one form (see <see cref="Shapes.DimMath"/>), so the text stays short however many layers come before.
    /// </summary>
    public long Offset { get; init; }

    /// <inheritdoc cref="Offset"/>
    public long Divisor { get; init; } = 1;

    public bool IsDynamic => Size < 0;

    public static Dim Fixed(long size) => new(size, Invariant.Of(size));

    public static Dim Symbol(string symbol) => new(-1, symbol) { Axis = symbol };

    /// <summary>A size set by the options property <paramref name="property"/>, whose default is <paramref name="size"/>.</summary>
    public static Dim Option(long size, string property) => new(size, Invariant.Of(size), new OptionSize(property));

    /// <summary>The C# expression of this size in the generated constructor, whose parameter is <c>options</c>.</summary>
    public string Code => CodeWith("options");

    /// <summary>The C# expression of this size where the options are <paramref name="options"/> (<c>this.Options</c> outside the constructor).</summary>
    public string CodeWith(string options) => Expression?.Render(options) ?? Invariant.Of(Size);

    public override string ToString() => Text;
}
