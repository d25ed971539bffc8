using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using System.Text.RegularExpressions;

namespace QuickDrawDsl.CommandLine;

/// <summary>Turns System.CommandLine's parse errors into one line that names the option or command and the fix.</summary>
public static partial class ParseErrorText
{
    /// <summary>Describes the first error of <paramref name="parse"/> in one line.</summary>
    /// <param name="parse">A parse result with errors.</param>
    /// <param name="program">The program's name.</param>
    /// <returns>The line, ending with where the help is.</returns>
    public static string Describe(ParseResult parse, string program)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Command command = parse.CommandResult.Command;
        string path = CommandPath(parse.CommandResult, program);
        string help = $"see '{path} --help'";
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                string? near = Nearest(token, command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
                return $"'{token}' is not an option of '{path}'{(near is null ? string.Empty : $"; did you mean {near}?")} ({help})";
            }

            List<string> subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            if (subcommands.Count > 0)
            {
                string? near = Nearest(token, subcommands);
                return $"'{token}' is not a command of '{path}'{(near is null ? string.Empty : $"; did you mean '{near}'?")} (commands: {string.Join(", ", subcommands)}; {help})";
            }

            return $"unexpected argument '{token}' for '{path}' ({help})";
        }

        ParseError error = parse.Errors[0];
        Match conversion = ConversionError().Match(error.Message);
        if (conversion.Success)
        {
            string value = conversion.Groups["value"].Value;
            string option = conversion.Groups["option"].Value;
            Type? type = command.Options.FirstOrDefault(o => o.Name == option || o.Aliases.Contains(option))?.ValueType;
            return $"{option} '{value}' is not {Expected(type)} ({help})";
        }

        Match choice = NotAChoice().Match(error.Message);
        if (choice.Success)
        {
            // AcceptOnlyFromAmong's message lists the choices on lines of their own; one line names the option instead.
            string value = choice.Groups["value"].Value;
            string[] choices = [.. Quoted().Matches(choice.Groups["choices"].Value).Select(m => m.Groups[1].Value)];
            string what = error.SymbolResult switch
            {
                OptionResult o => o.Option.Name,
                ArgumentResult { Parent: OptionResult o } => o.Option.Name,
                ArgumentResult a => a.Argument.Name,
                _ => "the value",
            };
            return $"{NotOneOf(what, value, choices)} ({help})";
        }

        if (error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal))
        {
            return $"'{path}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} ({help})";
        }

        return $"{OneLine.Of(error.Message).TrimEnd('.')} ({help})";
    }

    /// <summary>"<c>--device 'gpu' is not one of: cpu, cuda, auto</c>", with "did you mean" when a choice is near.</summary>
    /// <param name="option">The option (or argument) given the value.</param>
    /// <param name="value">The value given.</param>
    /// <param name="choices">The values it accepts.</param>
    /// <returns>The message, without where the help is.</returns>
    public static string NotOneOf(string option, string value, IEnumerable<string> choices)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] all = [.. choices];
        // Short values are a word apart from every other short value ('gpu' is one letter from 'cpu'): no guess for them.
        string? near = value.Length > 3 ? Nearest(value, all) : null;
        return $"{option} '{value}' is not one of: {string.Join(", ", all)}{(near is null ? string.Empty : $"; did you mean '{near}'?")}";
    }

    /// <summary>What values of <paramref name="type"/> look like, for a message: <c>a whole number</c>, <c>one of: cpu, cuda, auto</c>.</summary>
    /// <param name="type">The option's value type.</param>
    /// <returns>The phrase.</returns>
    public static string Expected(Type? type)
    {
        Type? t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (t is null)
        {
            return "a valid value";
        }

        if (t.IsEnum)
        {
            return "one of: " + string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant()));
        }

        return Type.GetTypeCode(t) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => "a valid value",
        };
    }

    private static string CommandPath(CommandResult result, string program)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Parent is null ? program : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    // The closest candidate within a small edit distance, for "did you mean".
    private static string? Nearest(string token, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates.Distinct())
        {
            int d = Distance(token.TrimStart('-'), candidate.TrimStart('-'));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, token.TrimStart('-').Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^Argument '(?<value>.*?)' not recognized\. Must be one of:(?<choices>.*)$", RegexOptions.Singleline)]
    private static partial Regex NotAChoice();

    [GeneratedRegex("'([^'\r\n]*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)'")]
    private static partial Regex ConversionError();
}
