using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A parsed parameter value. <see cref="OptionRef"/> is set for <c>$name</c> references to <c>options:</c>.</summary>
internal sealed record ParamValue(ParamKind Kind, long Int, double Float, bool Bool, string Text, EquatableArray<long> Ints, string? OptionRef)
{
    public static ParamValue OfInt(long value, string text) => new(ParamKind.Int, value, value, false, text, new EquatableArray<long>([value]), null);

    public static ParamValue OfFloat(double value, string text) => new(ParamKind.Float, 0, value, false, text, EquatableArray<long>.Empty, null);

    public static ParamValue OfBool(bool value, string text) => new(ParamKind.Bool, 0, 0, value, text, EquatableArray<long>.Empty, null);

    public static ParamValue OfString(string text) => new(ParamKind.String, 0, 0, false, text, EquatableArray<long>.Empty, null);

    public static ParamValue OfInts(EquatableArray<long> values, string text) => new(ParamKind.IntList, values.Count > 0 ? values[0] : 0, 0, false, text, values, null);
}
