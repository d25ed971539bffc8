using System.Globalization;

namespace QuickDrawDsl.Generator.Helpers;

/// <summary>Culture-independent formatting for generated code.</summary>
internal static class Invariant
{
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A C# double literal that round-trips (<c>0.5</c>, <c>1E-05</c>).</summary>
    public static string Literal(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E', 'e']) >= 0 ? text : text + ".0";
    }
}
