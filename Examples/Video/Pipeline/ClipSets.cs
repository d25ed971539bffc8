using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>A run's training, validation and held-out test clips, all of the model's input shape.</summary>
internal sealed record ClipSets(IReadOnlyList<VideoClip> Train, IReadOnlyList<VideoClip> Validation, IReadOnlyList<VideoClip> Test)
{
    /// <summary>The six classes of the generated clips, in label order.</summary>
    public static IReadOnlyList<string> GeneratedClasses { get; } =
        Enum.GetValues<MotionDirection>().Select(d => d.ToString().ToLowerInvariant()).ToArray();

    public static ClipSets Load(RunSettings settings) => settings.Generated ? Generate(settings) : FromFolder(settings, testOnly: false);

    /// <summary>Only the held-out test clips (what evaluate, export and predict need), without making or reading the others.</summary>
    public static IReadOnlyList<VideoClip> LoadTest(RunSettings settings) =>
        settings.Generated ? Generator(settings.Seed + 2L, settings.Noise).GenerateBalanced(settings.TestPerClass) : FromFolder(settings, testOnly: true).Test;

    /// <summary>Generated clips: squares that move (wrapping around the edges) or grow/shrink, with random size, speed and brightness.</summary>
    public static SyntheticClipGenerator Generator(long seed, double noise)
    {
        if (ModelInput.Channels != 1 || ModelInput.Height != ModelInput.Width)
        {
            throw new UserError($"Generated clips are [1, frames, size, size]; the model declares {ModelInput.Text}. Train on a folder of your own clips (video train --data <folder>) or declare a one-channel square input in Models/MotionClassifier.model.yaml.");
        }

        return new SyntheticClipGenerator(seed, new SyntheticClipOptions
        {
            Frames = ModelInput.Frames,
            Size = ModelInput.Height,
            Noise = noise,
            RandomMotion = true,
            Scaling = true,
            Clamp = true,
        });
    }

    private static ClipSets Generate(RunSettings s) => new(
        Generator(s.Seed, s.Noise).GenerateBalanced(s.TrainPerClass),
        Generator(s.Seed + 1L, s.Noise).GenerateBalanced(s.TestPerClass),
        Generator(s.Seed + 2L, s.Noise).GenerateBalanced(s.TestPerClass));

    /// <summary>Class names of a folder of labelled clips, checked to be usable.</summary>
    public static VideoFolderDataset OpenFolder(string folder, ClipLayout layout)
    {
        if (!Directory.Exists(folder))
        {
            throw new UserError($"{folder}: clip folder not found; it should hold one sub-folder per class with .npy clips or folders of PNG frames (video generate --out {folder} writes an example).");
        }

        var dataset = new VideoFolderDataset(folder, layout, grayscale: ModelInput.Channels == 1);
        if (dataset.ClassNames.Count < 2)
        {
            throw new UserError($"{folder}: found {dataset.ClassNames.Count} class sub-folder(s); classification needs at least 2 (one sub-folder per class).");
        }

        return dataset;
    }

    // Per class: a seeded shuffle, then the first HoldOut for test, the next HoldOut for validation, the rest for training.
    private static ClipSets FromFolder(RunSettings s, bool testOnly)
    {
        VideoFolderDataset dataset = OpenFolder(s.Data!, s.Layout);
        if (!dataset.ClassNames.SequenceEqual(s.Classes))
        {
            throw new UserError($"{s.Data}: its class sub-folders ({string.Join(", ", dataset.ClassNames)}) are not the ones the run was trained on ({string.Join(", ", s.Classes)}); train again.");
        }

        var train = new List<VideoClip>();
        var validation = new List<VideoClip>();
        var test = new List<VideoClip>();
        var random = new ShuffleRandom(s.Seed);
        for (int label = 0; label < dataset.ClassNames.Count; label++)
        {
            List<int> indices = Enumerable.Range(0, dataset.Count).Where(i => dataset.LabelOf(i) == label).ToList();
            if (indices.Count < 3)
            {
                throw new UserError($"{Path.Combine(s.Data!, dataset.ClassNames[label])}: {indices.Count} clip(s); each class needs at least 3 (training, validation and test).");
            }

            random.Shuffle(indices);
            int held = Math.Clamp((int)Math.Round(s.HoldOut * indices.Count), 1, (indices.Count - 1) / 2);
            for (int k = 0; k < (testOnly ? held : indices.Count); k++)
            {
                VideoClip clip = Read(dataset, indices[k], s.Resize, s.Layout);
                (k < held ? test : k < 2 * held ? validation : train).Add(clip);
            }
        }

        return new ClipSets(train, validation, test);
    }

    private static VideoClip Read(VideoFolderDataset dataset, int index, bool resize, ClipLayout layout)
    {
        VideoClip clip;
        try
        {
            clip = dataset.Get(index);
        }
        catch (InvalidDataException ex)
        {
            throw new UserError(ex.Message);
        }

        return Fit(clip, dataset.PathOf(index), resize, layout);
    }

    /// <summary>The clip in the model's input shape: resampled with <paramref name="resize"/>, otherwise refused with one line naming both shapes.</summary>
    /// <param name="clip">The clip as read.</param>
    /// <param name="source">Its file or folder, for the message.</param>
    /// <param name="resize">Resample instead of refusing.</param>
    /// <param name="npyLayout">The layout a .npy source was read with (the message suggests the other one).</param>
    public static VideoClip Fit(VideoClip clip, string source, bool resize, ClipLayout npyLayout)
    {
        if (resize)
        {
            if (clip.Channels != ModelInput.Channels && !(clip.Channels is 1 or 3 && ModelInput.Channels is 1 or 3))
            {
                throw new UserError($"{source}: the clip has {clip.Channels} channels and the model takes {ModelInput.Channels}; --resize converts only between 1 (gray) and 3 (RGB).");
            }

            return ClipResizer.Resize(clip, ModelInput.Channels, ModelInput.Frames, ModelInput.Height, ModelInput.Width);
        }

        if (!clip.Shape.SequenceEqual(ModelInput.Shape))
        {
            string layoutHint = !source.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? string.Empty
                : npyLayout == ClipLayout.ChannelsFramesHeightWidth ? " (read as [channels, frames, height, width]; a [frames, height, width, channels] array needs --layout fhwc)"
                : " (read as [frames, height, width, channels]; a [channels, frames, height, width] array needs --layout cfhw)";
            throw new UserError($"{source}: the model takes clips of {ModelInput.Text} (channels, frames, height, width) but this clip is {ModelInput.ShapeText(clip.Shape)}{layoutHint}; pass --resize to resample it, or change input.shape in Models/MotionClassifier.model.yaml and retrain.");
        }

        return clip;
    }
}
