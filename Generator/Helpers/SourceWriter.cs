using System;
using System.Text;

namespace QuickDrawDsl.Generator.Helpers;

/// <summary>An indented text writer for generated C#; always writes <c>\n</c> so output is byte-stable across platforms.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder builder = new();
    private int indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            builder.Append(' ', indent * 4);
            builder.Append(text);
        }

        builder.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="code"/> followed by a comment aligned at <paramref name="column"/>.</summary>
    public SourceWriter Line(string code, string comment, int column)
    {
        int pad = Math.Max(1, column - code.Length);
        return Line(code + new string(' ', pad) + "// " + comment);
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents.</summary>
    public SourceWriter Block(string header)
    {
        Line(header);
        return Open();
    }

    /// <summary>Writes an opening brace and indents.</summary>
    public SourceWriter Open()
    {
        Line("{");
        indent++;
        return this;
    }

    public SourceWriter Close(string text = "}")
    {
        indent--;
        Line(text);
        return this;
    }

    public override string ToString() => builder.ToString();
}
