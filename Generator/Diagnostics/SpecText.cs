using Microsoft.CodeAnalysis.Text;

namespace QuickDrawDsl.Generator.Diagnostics;

/// <summary>
/// Turns character offsets in a spec into locations, counting lines the way the compiler does (CR, LF, CRLF, NEL,
/// U+2028, U+2029). YamlDotNet's own line and column are not used: its end-of-stream mark sits on a line after the
/// last one. Every location is clamped into the file and never starts past its last character, so an error at the
/// end of a file that ends with a line break points at the end of its last line.
/// </summary>
internal sealed class SpecText
{
    private readonly string path;
    private readonly SourceText source;
    private readonly int end;

    public SpecText(string path, string text)
    {
        this.path = path;
        source = SourceText.From(text);

        // The last place a location may start: just after the last character that is not a line break.
        int last = text.Length;
        while (last > 0 && IsLineBreak(text[last - 1]))
        {
            last--;
        }

        end = last;
    }

    public string Path => path;

    /// <summary>A location from one character offset to another (both clamped into the file).</summary>
    public LocationInfo At(long startIndex, long endIndex)
    {
        int start = Clamp(startIndex);
        int stop = System.Math.Max(start, System.Math.Min(source.Length, (int)System.Math.Min(int.MaxValue, System.Math.Max(0, endIndex))));
        return new LocationInfo(path, TextSpan.FromBounds(start, stop), source.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, stop)));
    }

    /// <summary>The location of one character.</summary>
    public LocationInfo AtCharacter(int index) => At(index, index + 1);

    /// <summary>The start of the file.</summary>
    public LocationInfo Start() => At(0, 0);

    private int Clamp(long index) => (int)System.Math.Min(end, System.Math.Max(0, index));

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';
}
