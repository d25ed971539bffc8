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
    public static void Enforce(DataQualityPolicy policy, DataReadReport report, IReadOnlyDictionary<string, long> usableByClass, string? reportPath, string emptyClassHint) =>
        Enforce(policy, report, usableByClass, heldOutByClass: null, reportPath, emptyClassHint);

    /// <summary>Enforces <paramref name="policy"/> on a read whose held-out records per class are known.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="report">The readers' report.</param>
    /// <param name="usableByClass">Usable training records per class.</param>
    /// <param name="heldOutByClass">Usable validation and test records per class; null when not known.</param>
    /// <param name="reportPath">The full report, named in the message; null when none was written.</param>
    /// <param name="emptyClassHint">How to fix a class without usable records (e.g. "fix its file or leave it out with --categories").</param>
    /// <exception cref="UserError">The policy refuses the read.</exception>
    public static void Enforce(DataQualityPolicy policy, DataReadReport report, IReadOnlyDictionary<string, long> usableByClass, IReadOnlyDictionary<string, long>? heldOutByClass, string? reportPath, string emptyClassHint)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            policy.Enforce(report, usableByClass, heldOutByClass);
        }
        catch (DataQualityException ex)
        {
            // The report lists bad records; a refusal with none (a class held out, an empty file) has nothing there to read.
            string where = reportPath is null || report.BadRecords == 0 ? string.Empty : $"; every bad record: {reportPath}";
            string fix = ex.Problem switch
            {
                DataQualityProblem.EmptyClass => emptyClassHint,
                DataQualityProblem.NoTrainingRecord => "add records to it, or lower the validation and test shares",
                _ => string.Create(CultureInfo.InvariantCulture, $"fix the data, or pass {MaxBadFractionOption} {Math.Min(1, Math.Ceiling(report.BadFraction * 100) / 100):0.##} to train on the rest"),
            };
            throw new UserError($"{ex.Message}; {fix}{where}", ex);
        }
    }
}
