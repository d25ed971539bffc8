using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// One axis of a shape (batch excluded). <see cref="Size"/> is -1 for a dynamic axis, whose <see cref="Text"/>
/// is its symbolic length (<c>time</c>, <c>ceil(time/2)</c>). <see cref="CSharp"/> is the C# expression of a
/// size that depends on the options record (<c>options.Hidden</c>), or null for a literal size.
/// </summary>
internal sealed record Dim(long Size, string Text, string? CSharp = null)
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

    /// <summary>How <see cref="CSharp"/> refers to the options: the constructor's parameter.</summary>
    public const string OptionsPrefix = "options.";

    /// <summary>The C# expression of this size in the generated constructor.</summary>
    public string Code => CSharp ?? Invariant.Of(Size);

    /// <summary>The C# expression of this size where the options are <paramref name="options"/> (<c>this.Options</c> outside the constructor).</summary>
    public string CodeWith(string options) => CSharp is null ? Invariant.Of(Size) : CSharp.Replace(OptionsPrefix, options + ".");

    public override string ToString() => Text;
}
