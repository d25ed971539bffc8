using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Diagnostics;

/// <summary>A diagnostic as equatable data, carried through the pipeline and reported in its own output step.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments)
    {
        var args = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            args[i] = OneLine(arguments[i] switch
            {
                null => string.Empty,
                System.IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                object o => o.ToString() ?? string.Empty,
            });
        }

        return new DiagnosticInfo(descriptor.Id, location, args.ToEquatableArray());
    }

    /// <summary>
    /// An argument as it may appear in a one-line build message: control characters and line breaks from the spec
    /// written as escapes (<c>\n</c>, <c>\u0000</c>), and a huge value cut short.
    /// </summary>
    private static string OneLine(string text)
    {
        const int MaxLength = 500;
        var sb = new System.Text.StringBuilder(System.Math.Min(text.Length, MaxLength + 8));
        foreach (char c in text)
        {
            if (sb.Length >= MaxLength)
            {
                sb.Append('…');
                break;
            }

            switch (c)
            {
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\ufeff')
                    {
                        sb.Append(Helpers.TextEscaping.Unicode(c));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, System.Linq.Enumerable.ToArray(Arguments));
}
