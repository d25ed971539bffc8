using System.Globalization;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Parsing;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The checks of each <see cref="ParamRule"/>, shared by the parser (literals and option defaults) and the emitter (option overrides).</summary>
internal static class ParamRules
{
    /// <summary>What the rule accepts, for messages: <c>a whole number from 1 to 16777216</c>.</summary>
    public static string Describe(ParamRule rule) => rule switch
    {
        ParamRule.Size => "a whole number from 1 to " + Invariant.Of(SpecLimits.MaxSize),
        ParamRule.Index => "a whole number from 0 to " + Invariant.Of(SpecLimits.MaxSize - 1),
        ParamRule.Padding => "a whole number from 0 to " + Invariant.Of(SpecLimits.MaxSize),
        ParamRule.Rate => "a rate in [0, 1)",
        ParamRule.NonNegative => "a finite number from 0",
        _ => "any value",
    };

    /// <summary>Whether <paramref name="value"/> (a number already parsed as its parameter's type) satisfies <paramref name="rule"/>.</summary>
    public static bool Accepts(ParamRule rule, ParamValue value) => rule switch
    {
        ParamRule.Size => value.Kind is ParamKind.Int or ParamKind.IntList && AllInts(value, 1),
        ParamRule.Index => value.Kind is ParamKind.Int && value.Int >= 0 && value.Int < SpecLimits.MaxSize,
        ParamRule.Padding => value.Kind is ParamKind.String || (value.Kind is ParamKind.Int or ParamKind.IntList && AllInts(value, 0)),
        ParamRule.Rate => Number(value) >= 0 && Number(value) < 1,
        ParamRule.NonNegative => Number(value) >= 0 && !double.IsInfinity(Number(value)),
        _ => true,
    };

    /// <summary>
    /// A C# condition that is true when <paramref name="expression"/> breaks <paramref name="rule"/> (NaN included),
    /// for the generated constructor's checks of overridden options; null for rules options cannot have.
    /// </summary>
    public static string? ViolationCode(ParamRule rule, string expression) => rule switch
    {
        ParamRule.Size => $"!({expression} >= 1 && {expression} <= {Invariant.Of(SpecLimits.MaxSize)})",
        ParamRule.Rate => $"!({expression} >= 0 && {expression} < 1)",
        _ => null,
    };

    private static bool AllInts(ParamValue value, long min)
    {
        foreach (long v in value.Ints)
        {
            if (v < min || v > SpecLimits.MaxSize)
            {
                return false;
            }
        }

        return value.Ints.Count > 0;
    }

    private static double Number(ParamValue value) => value.Kind == ParamKind.Int ? value.Int : value.Kind == ParamKind.Float ? value.Float : double.NaN;

    /// <summary>The rule of a catalog parameter, from its type and key.</summary>
    public static ParamRule For(ParamType type, string key) => type switch
    {
        ParamType.Int when key == "padding_idx" => ParamRule.Index,
        ParamType.Int or ParamType.IntOrList => ParamRule.Size,
        ParamType.Padding => ParamRule.Padding,
        ParamType.Float when key is "rate" or "dropout" => ParamRule.Rate,
        ParamType.Float => ParamRule.NonNegative,
        _ => ParamRule.None,
    };

    /// <summary>Whether <paramref name="text"/> is an integer literal too large for a long (so the message can say "too large", not "not a number").</summary>
    public static bool IsHugeInteger(string text)
    {
        string digits = text.StartsWith("-", System.StringComparison.Ordinal) || text.StartsWith("+", System.StringComparison.Ordinal) ? text.Substring(1) : text;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (char c in digits)
        {
            if (c is not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }
}
