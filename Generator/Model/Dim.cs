using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// One axis of a shape (batch excluded). <see cref="Size"/> is -1 for a dynamic axis, whose <see cref="Text"/>
/// is its symbolic length (<c>time</c>, <c>ceil(time/2)</c>). <see cref="CSharp"/> is the C# expression of a
/// size that depends on the options record (<c>options.Hidden</c>), or null for a literal size.
/// </summary>
internal sealed record Dim(long Size, string Text, string? CSharp = null)
{
    public bool IsDynamic => Size < 0;

    public static Dim Fixed(long size) => new(size, Invariant.Of(size));

    public static Dim Symbol(string symbol) => new(-1, symbol);

    /// <summary>The C# expression of this size in the generated constructor.</summary>
    public string Code => CSharp ?? Invariant.Of(Size);

    public override string ToString() => Text;
}
