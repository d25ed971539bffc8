using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;

namespace QuickDrawDsl.CommandLine;

/// <summary>
/// Validators for option values, checked while parsing: a bad value is a one-line parse error, reported before any
/// data is read or any file is written. Defaults are not checked (they are valid by construction).
/// </summary>
public static class OptionRules
{
    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    /// <param name="option">The option.</param>
    /// <param name="minimum">The smallest valid value.</param>
    /// <returns>The option.</returns>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r => Check(r, option, v => v >= minimum, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}")));
        return option;
    }

    /// <summary>The value, when given, must be at least <paramref name="minimum"/>.</summary>
    /// <param name="option">The option.</param>
    /// <param name="minimum">The smallest valid value.</param>
    /// <returns>The option.</returns>
    public static Option<int?> AtLeast(this Option<int?> option, int minimum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r => Check(r, option, v => v is null || v >= minimum, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}")));
        return option;
    }

    /// <summary>The value must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>] (or exclude the ends).</summary>
    /// <param name="option">The option.</param>
    /// <param name="minimum">The lower end.</param>
    /// <param name="maximum">The upper end.</param>
    /// <param name="minimumIncluded">Whether <paramref name="minimum"/> itself is valid.</param>
    /// <param name="maximumIncluded">Whether <paramref name="maximum"/> itself is valid.</param>
    /// <returns>The option.</returns>
    public static Option<double> Between(this Option<double> option, double minimum, double maximum, bool minimumIncluded = true, bool maximumIncluded = true)
    {
        ArgumentNullException.ThrowIfNull(option);
        string range = string.Create(CultureInfo.InvariantCulture, $"{(minimumIncluded ? "[" : "(")}{minimum}, {maximum}{(maximumIncluded ? "]" : ")")}");
        option.Validators.Add(r => Check(r, option,
            v => double.IsFinite(v) && (minimumIncluded ? v >= minimum : v > minimum) && (maximumIncluded ? v <= maximum : v < maximum),
            $"must be in {range}"));
        return option;
    }

    /// <summary>The value must be a finite number above 0.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The option.</returns>
    public static Option<double> Positive(this Option<double> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r => Check(r, option, v => double.IsFinite(v) && v > 0, "must be a number above 0"));
        return option;
    }

    /// <summary>The value must be a finite number, 0 or more.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The option.</returns>
    public static Option<double> NotNegative(this Option<double> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r => Check(r, option, v => double.IsFinite(v) && v >= 0, "must be a number, 0 or more"));
        return option;
    }

    /// <summary>The value must not be empty or blank.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The option.</returns>
    public static Option<string> NotBlank(this Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r => Check(r, option, v => !string.IsNullOrWhiteSpace(v), "must not be empty"));
        return option;
    }

    /// <summary>The value, when given, must be a comma-separated list of non-empty names, e.g. <c>apple,banana</c>.</summary>
    /// <param name="option">The option.</param>
    /// <param name="example">An example value for the message.</param>
    /// <returns>The option.</returns>
    public static Option<string?> CommaSeparated(this Option<string?> option, string example)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r => Check(r, option, v => v is null || SplitList(v) is { Length: > 0 } items && items.All(i => i.Length > 0), $"must be a comma-separated list of names, e.g. {option.Name} {example}"));
        return option;
    }

    /// <summary>
    /// The value, when given, must be one of <paramref name="choices"/> (case-sensitive). Unlike
    /// <c>AcceptOnlyFromAmong</c>, the help shows <paramref name="helpName"/> instead of every choice, and a wrong value is
    /// one line with the nearest choice ("did you mean") and the list, which suits long lists such as a project's models.
    /// </summary>
    /// <param name="option">The option.</param>
    /// <param name="choices">The valid values.</param>
    /// <param name="helpName">The value's name in the help (<c>--model &lt;name&gt;</c>).</param>
    /// <returns>The option.</returns>
    public static Option<string?> OneOf(this Option<string?> option, IReadOnlyList<string> choices, string helpName)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(choices);
        option.HelpName = helpName;
        option.Validators.Add(r =>
        {
            string? value = r.Implicit || r.Tokens.Count == 0 ? null : r.Tokens[^1].Value;
            if (value is not null && !choices.Contains(value, StringComparer.Ordinal))
            {
                r.AddError(ParseErrorText.NotOneOf(option.Name, value, choices));
            }
        });
        return option;
    }

    /// <summary>Splits a comma-separated list, trimming each item (an empty item stays, as an empty string).</summary>
    /// <param name="text">The list.</param>
    /// <returns>The items.</returns>
    public static string[] SplitList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        return trimmed.Length == 0 ? [] : trimmed.Split(',', StringSplitOptions.TrimEntries);
    }

    private static void Check<T>(OptionResult result, Option<T> option, Func<T, bool> valid, string rule)
    {
        if (result.Implicit || result.Tokens.Count == 0)
        {
            return;
        }

        T? value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return; // The conversion error is reported on its own.
        }

        if (!valid(value!))
        {
            string shown = string.Join(' ', result.Tokens.Select(t => t.Value));
            result.AddError($"{option.Name} {Quote(shown)} {rule}");
        }
    }

    private static string Quote(string value) => value.Length == 0 || value.Any(char.IsWhiteSpace) || value.Contains(',') ? $"'{value}'" : value;
}
