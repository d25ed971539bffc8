using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace QuickDrawDsl.Runtime.Training.Reporting;

/// <summary>Writes a run's history as CSV (invariant culture): <c>epoch,learning_rate,seconds,samples_per_second,&lt;metrics…&gt;</c>, one row per epoch.</summary>
public static class MetricsCsvWriter
{
    /// <summary>The fixed leading columns.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } = ["epoch", "learning_rate", "seconds", "samples_per_second"];

    /// <summary>Writes the whole history, replacing the file atomically (so a resumed run rewrites a consistent file).</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="history">Epoch results in order.</param>
    public static void Write(string path, IReadOnlyList<EpochResult> history)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(history);
        var keys = new List<string>();
        foreach (EpochResult r in history)
        {
            foreach (string k in r.Metrics.Keys.Where(k => !keys.Contains(k)))
            {
                keys.Add(k);
            }
        }

        var text = new StringBuilder();
        text.Append(string.Join(",", FixedColumns.Concat(keys))).Append('\n');
        foreach (EpochResult r in history)
        {
            IEnumerable<string> cells = new[]
            {
                r.Epoch.ToString(CultureInfo.InvariantCulture),
                Format(r.LearningRate),
                Format(r.Seconds),
                Format(r.SamplesPerSecond),
            }.Concat(keys.Select(k => r.Metrics.TryGetValue(k, out double v) ? Format(v) : string.Empty));
            text.Append(string.Join(",", cells)).Append('\n');
        }

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
