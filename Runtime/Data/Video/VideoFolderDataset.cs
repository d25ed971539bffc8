using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Runtime.Data.Video;

/// <summary>
/// Clips laid out as <c>root/&lt;class&gt;/&lt;clip&gt;</c>, where a clip is a folder of PNG frames or a 4-D <c>.npy</c>
/// file. Classes are the sub-folders of <c>root</c> in ordinal order; clips are read on demand (thread-safe).
/// </summary>
public sealed class VideoFolderDataset : IDataset<VideoClip>
{
    private readonly (string Path, long Label)[] clips;
    private readonly ClipLayout npyLayout;
    private readonly bool grayscale;

    /// <summary>Indexes the clips under <paramref name="root"/>.</summary>
    /// <param name="root">Folder with one sub-folder per class.</param>
    /// <param name="npyLayout">Axis order of the <c>.npy</c> clips.</param>
    /// <param name="grayscale">Read PNG frames as one channel.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    public VideoFolderDataset(string root, ClipLayout npyLayout = ClipLayout.ChannelsFramesHeightWidth, bool grayscale = false)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: clip folder not found.");
        }

        this.npyLayout = npyLayout;
        this.grayscale = grayscale;
        ClassNames = Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
        var found = new List<(string, long)>();
        for (int label = 0; label < ClassNames.Count; label++)
        {
            string classDir = Path.Combine(root, ClassNames[label]);
            IEnumerable<string> entries = Directory.GetFiles(classDir, "*.npy")
                .Concat(Directory.GetDirectories(classDir))
                .OrderBy(p => p, StringComparer.Ordinal);
            foreach (string entry in entries)
            {
                found.Add((entry, label));
            }
        }

        clips = found.ToArray();
    }

    /// <summary>Class names (sub-folder names), index = label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public int Count => clips.Length;

    /// <summary>The file or folder clip <paramref name="index"/> is read from (for messages that name it).</summary>
    /// <param name="index">Clip index.</param>
    /// <returns>The path.</returns>
    public string PathOf(int index) => clips[index].Path;

    /// <summary>The label of clip <paramref name="index"/>, without reading the clip.</summary>
    /// <param name="index">Clip index.</param>
    /// <returns>The class index.</returns>
    public long LabelOf(int index) => clips[index].Label;

    /// <inheritdoc />
    public VideoClip Get(int index)
    {
        (string path, long label) = clips[index];
        return path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)
            ? VideoClipReader.FromNpy(path, npyLayout, label)
            : VideoClipReader.FromPngFolder(path, label, grayscale);
    }
}
