using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Builds labelled, split data sets from a folder of Google's per-class files (<c>&lt;word&gt;.ndjson</c> or
/// <c>&lt;word&gt;.npy</c>; names may contain spaces), streaming each file and reading only what the split needs.
/// </summary>
public static class QuickDrawDatasets
{
    /// <summary>
    /// Reads <c>&lt;folder&gt;/&lt;class&gt;.ndjson</c> for each class. With a <see cref="PositionalSplitPolicy"/> and no
    /// cap in <paramref name="options"/>, each file is read only up to the policy's total count.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="classNames">The classes, in label order.</param>
    /// <param name="policy">How drawings are split, e.g. <c>new PositionalSplitPolicy(80, 0, 20)</c>.</param>
    /// <param name="options">Reader options; null for the defaults.</param>
    /// <returns>The split drawings; bad records, unreadable files included, are in its report.</returns>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public static SplitDataset<Drawing> LoadDrawings(string folder, IReadOnlyList<string> classNames, SplitPolicy policy, QuickDrawReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new QuickDrawReadOptions();
        if (options.MaxPerClass is null && policy is PositionalSplitPolicy positional)
        {
            options = options with { MaxPerClass = positional.TotalCount };
        }

        var reader = new QuickDrawNdjsonReader(options);
        var parts = new Parts<Drawing>();
        for (int label = 0; label < classNames.Count; label++)
        {
            string path = Path.Combine(folder, classNames[label] + ".ndjson");
            foreach (SplitAssignment<Drawing> a in policy.Apply(reader.ReadFile(path)))
            {
                parts.Add(a.Split, a.Item, label);
            }
        }

        return parts.Build(classNames, reader.Report);
    }

    /// <summary>
    /// Reads <c>&lt;folder&gt;/&lt;class&gt;.npy</c> bitmaps for each class, assigning images by position within
    /// each file (e.g. <c>new PositionalSplitPolicy(1200, 0, 300)</c>); only the images the policy uses are read.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="classNames">The classes, in label order.</param>
    /// <param name="policy">The positional split.</param>
    /// <param name="badRecords">Skip and report a bad or truncated file (default) or throw.</param>
    /// <param name="onBadRecord">Called with every bad record as it is met; null for none.</param>
    /// <returns>The split images (784 bytes each).</returns>
    /// <exception cref="DataFormatException">Strict mode only: the first bad record.</exception>
    public static SplitDataset<byte[]> LoadBitmaps(string folder, IReadOnlyList<string> classNames, PositionalSplitPolicy policy, BadRecordPolicy badRecords = BadRecordPolicy.SkipAndReport, Action<BadRecord>? onBadRecord = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(policy);
        var reader = new QuickDrawBitmapReader(badRecords, onBadRecord: onBadRecord);
        var parts = new Parts<byte[]>();
        for (int label = 0; label < classNames.Count; label++)
        {
            string path = Path.Combine(folder, classNames[label] + ".npy");
            int index = 0;
            foreach (byte[] image in reader.ReadFile(path, policy.TotalCount))
            {
                parts.Add(policy.Assign(0, index++), image, label);
            }
        }

        return parts.Build(classNames, reader.Report);
    }

    private sealed class Parts<T>
    {
        private readonly Dictionary<DataSplit, (List<T> Items, List<int> Labels)> parts = new()
        {
            [DataSplit.Train] = ([], []),
            [DataSplit.Validation] = ([], []),
            [DataSplit.Test] = ([], []),
        };

        public void Add(DataSplit split, T item, int label)
        {
            if (parts.TryGetValue(split, out (List<T> Items, List<int> Labels) part))
            {
                part.Items.Add(item);
                part.Labels.Add(label);
            }
        }

        public SplitDataset<T> Build(IReadOnlyList<string> classNames, DataReadReport report) =>
            new(
                classNames.ToArray(),
                new LabeledItems<T>(parts[DataSplit.Train].Items, parts[DataSplit.Train].Labels),
                new LabeledItems<T>(parts[DataSplit.Validation].Items, parts[DataSplit.Validation].Labels),
                new LabeledItems<T>(parts[DataSplit.Test].Items, parts[DataSplit.Test].Labels),
                report);
    }
}
