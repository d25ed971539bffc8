using System;
using System.Collections.Generic;
using System.Globalization;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.CommandLine;

/// <summary>Applies a <see cref="DataQualityPolicy"/> and turns a refusal into one line that says how to fix it.</summary>
public static class DataChecks
{
    /// <summary>The name of the option that sets <see cref="DataQualityPolicy.MaxBadFraction"/>.</summary>
    public const string MaxBadFractionOption = "--max-bad-fraction";

    /// <summary>Enforces <paramref name="policy"/> on a read.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="report">The readers' report.</param>
    /// <param name="usableByClass">Usable records per class.</param>
    /// <param name="reportPath">The full report, named in the message; null when none was written.</param>
    /// <param name="emptyClassHint">How to fix a class without usable records (e.g. "fix its file or leave it out with --categories").</param>
    /// <exception cref="UserError">The policy refuses the read.</exception>
    public static void Enforce(DataQualityPolicy policy, DataReadReport report, IReadOnlyDictionary<string, long> usableByClass, string? reportPath, string emptyClassHint)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            policy.Enforce(report, usableByClass);
        }
        catch (DataQualityException ex)
        {
            string where = reportPath is null ? string.Empty : $"; every bad record: {reportPath}";
            string fix = ex.Problem == DataQualityProblem.EmptyClass
                ? emptyClassHint
                : string.Create(CultureInfo.InvariantCulture, $"fix the data, or pass {MaxBadFractionOption} {Math.Min(1, Math.Ceiling(report.BadFraction * 100) / 100):0.##} to train on the rest");
            throw new UserError($"{ex.Message}; {fix}{where}", ex);
        }
    }
}
