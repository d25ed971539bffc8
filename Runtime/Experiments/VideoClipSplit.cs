using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>
/// The clips of a <c>data: {format: video_clips}</c> section (<see cref="VideoFolderDataset"/>: one sub-folder a class,
/// a clip a folder of PNG frames or a 4-D <c>.npy</c>), each read once to check it (an unreadable clip is a bad record,
/// reported and left out) and assigned to a split by a hash of its path within the class folder, so adding clips never
/// moves another. The clips themselves are read again on demand: memory does not grow with the folder.
/// </summary>
public sealed class VideoClipSplit
{
    private VideoClipSplit(VideoFolderDataset clips, List<int>[] splits, DataReadReport report)
    {
        Clips = clips;
        Train = splits[0];
        Validation = splits[1];
        Test = splits[2];
        Report = report;
    }

    /// <summary>Every clip of the folder; the split lists index it.</summary>
    public VideoFolderDataset Clips { get; }

    /// <summary>The training clips' indices.</summary>
    public IReadOnlyList<int> Train { get; }

    /// <summary>The validation clips' indices.</summary>
    public IReadOnlyList<int> Validation { get; }

    /// <summary>The test clips' indices.</summary>
    public IReadOnlyList<int> Test { get; }

    /// <summary>Good clips accepted, unreadable ones as bad records, clips over the cap counted.</summary>
    public DataReadReport Report { get; }

    /// <summary>Indexes, checks and splits the clips under <paramref name="root"/>.</summary>
    /// <param name="root">The folder with one sub-folder a class.</param>
    /// <param name="grayscale">Read PNG frames as one channel.</param>
    /// <param name="validation">The validation share.</param>
    /// <param name="test">The test share.</param>
    /// <param name="seed">The split seed.</param>
    /// <param name="maxPerClass">Clips read a class at most; null for all.</param>
    /// <param name="onBadRecord">Called with each bad clip.</param>
    /// <returns>The split.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    public static VideoClipSplit Create(string root, bool grayscale, double validation, double test, long seed, int? maxPerClass, Action<BadRecord>? onBadRecord = null)
    {
        var clips = new VideoFolderDataset(root, ClipLayout.ChannelsFramesHeightWidth, grayscale);
        var report = new DataReadReport(observer: onBadRecord);
        var policy = new HashSplitPolicy(validation, test, unchecked((ulong)seed));
        List<int>[] splits = [[], [], []];
        var perClass = new int[clips.ClassNames.Count];
        for (int i = 0; i < clips.Count; i++)
        {
            int label = (int)clips.LabelOf(i);
            if (maxPerClass is { } cap && perClass[label] >= cap)
            {
                report.CountOverCap();
                continue;
            }

            string path = clips.PathOf(i);
            try
            {
                _ = clips.Get(i);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or DataFormatException or ArgumentException or FormatException or UnauthorizedAccessException)
            {
                // The readers' messages start with the file they read; the bad-record line names the clip already, so its
                // path is dropped from the reason (a frame of a folder clip keeps its own name).
                BadRecord bad = ex is DataFormatException { Record: var inner }
                    ? new BadRecord(path, "clip", perClass[label], inner.Kind, inner.Source == path ? inner.Reason : $"{inner.Source}: {inner.Reason}")
                    : new BadRecord(path, "clip", perClass[label], BadRecordKind.Malformed, ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? ex.Message[(path.Length + 2)..] : ex.Message);
                report.Reject(bad, BadRecordPolicy.SkipAndReport);
                continue;
            }

            report.CountAccepted();
            DataSplit split = policy.Assign(Fnv1a(Path.GetRelativePath(root, path).Replace('\\', '/')), perClass[label]++);
            if (split is DataSplit.Train or DataSplit.Validation or DataSplit.Test)
            {
                splits[(int)split - (int)DataSplit.Train].Add(i);
            }
        }

        return new VideoClipSplit(clips, splits, report);
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211);
        }

        return hash;
    }
}
