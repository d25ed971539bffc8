using System.Collections.Generic;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>
/// The <c>data:</c> section of a model spec: where the examples come from and how they are cut and split. The
/// generator emits one sealed record per model that derives from this one (<c>SketchClassifierData</c>) and sets every
/// value, the spec's or the default written out; a command line overrides values with <c>with</c> (<c>--data</c> sets
/// <see cref="Path"/>) and checks them with <see cref="Problems"/>. The defaults here are the spec's defaults.
/// </summary>
public record DataSection
{
    /// <summary><c>format:</c> the data's format (required in the spec).</summary>
    public DataFormat Format { get; init; }

    /// <summary><c>path:</c> the file or folder, relative to the working directory; null when the command line must give it (<c>--data</c>).</summary>
    public string? Path { get; init; }

    /// <summary><c>max_points:</c> drawings are cut to this many points, at least 1; null keeps them whole (QuickDraw formats, npy, npz).</summary>
    public int? MaxPoints { get; init; }

    /// <summary><c>max_per_class:</c> read at most this many examples a class, at least 1; null reads all (not csv).</summary>
    public int? MaxPerClass { get; init; }

    /// <summary><c>column:</c> the CSV column to forecast; null for the last numeric column (csv).</summary>
    public string? Column { get; init; }

    /// <summary><c>window:</c> time steps a model sees, at least 1 (csv; required there).</summary>
    public int? Window { get; init; }

    /// <summary><c>horizon:</c> time steps it predicts, at least 1 (csv; default 1).</summary>
    public int? Horizon { get; init; }

    /// <summary><c>normalize:</c> how the series is scaled, with statistics of the training split (csv; default <c>standard</c>).</summary>
    public Normalization Normalize { get; init; } = Normalization.Standard;

    /// <summary><c>frames:</c> frames sampled a clip, at least 1 (video_clips; required there).</summary>
    public int? Frames { get; init; }

    /// <summary><c>frame_size:</c> frames are resized to this many pixels a side, at least 1 (video_clips; required there).</summary>
    public int? FrameSize { get; init; }

    /// <summary><c>array_key:</c> the array of an <c>.npz</c> archive to read; null for its first (npz).</summary>
    public string? ArrayKey { get; init; }

    /// <summary><c>splits.validation:</c> the share held out for validation, in [0, 1) (default 0.1).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary><c>splits.test:</c> the share held out for the test split, in [0, 1) (default 0.1).</summary>
    public double TestFraction { get; init; } = 0.1;

    /// <summary><c>splits.by:</c> how QuickDraw drawing files assign records to splits (default <c>hash</c>); the other formats split their own way.</summary>
    public SplitMethod SplitBy { get; init; } = SplitMethod.Hash;

    /// <summary><c>shuffle:</c> shuffle the training split every epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary><c>max_bad_fraction:</c> the share of bad records tolerated before a run refuses its data, in [0, 1] (default 0.05).</summary>
    public double MaxBadFraction { get; init; } = 0.05;

    /// <summary>Every setting that cannot run, by its YAML key; the build checks the same rules on the spec.</summary>
    /// <returns>The problems; empty when the section can run.</returns>
    public IReadOnlyList<SectionProblem> Problems()
    {
        var problems = new List<SectionProblem>();
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                problems.Add(new SectionProblem(key, message));
            }
        }

        bool csv = Format == DataFormat.Csv;
        bool video = Format == DataFormat.VideoClips;
        Check(Path is null || Path.Length > 0, "path", "must not be empty");
        Check(MaxPoints is null || MaxPoints >= 1, "max_points", $"must be at least 1 (is {MaxPoints})");
        Check(MaxPoints is null || !(csv || video || Format == DataFormat.Npy), "max_points", $"applies to drawings, not format {FormatKey(Format)}");
        Check(MaxPerClass is null || MaxPerClass >= 1, "max_per_class", $"must be at least 1 (is {MaxPerClass})");
        Check(MaxPerClass is null || !csv, "max_per_class", "applies to classes, not format csv");
        Check(csv || (Column is null && Window is null && Horizon is null), Column is not null ? "column" : Window is not null ? "window" : "horizon", $"applies to format csv, not {FormatKey(Format)}");
        Check(!csv || Window is not null, "window", "is required for format csv (time steps the model sees)");
        Check(Window is null || Window >= 1, "window", $"must be at least 1 (is {Window})");
        Check(Horizon is null || Horizon >= 1, "horizon", $"must be at least 1 (is {Horizon})");
        Check(video || (Frames is null && FrameSize is null), Frames is not null ? "frames" : "frame_size", $"applies to format video_clips, not {FormatKey(Format)}");
        Check(!video || (Frames is not null && FrameSize is not null), Frames is null ? "frames" : "frame_size", "is required for format video_clips");
        Check(Frames is null || Frames >= 1, "frames", $"must be at least 1 (is {Frames})");
        Check(FrameSize is null || FrameSize >= 1, "frame_size", $"must be at least 1 (is {FrameSize})");
        Check(ArrayKey is null || Format == DataFormat.Npz, "array_key", $"applies to format npz, not {FormatKey(Format)}");
        Check(ValidationFraction is >= 0 and < 1, "splits.validation", $"must be in [0, 1) (is {Text(ValidationFraction)})");
        Check(TestFraction is >= 0 and < 1, "splits.test", $"must be in [0, 1) (is {Text(TestFraction)})");
        Check(ValidationFraction + TestFraction < 1, "splits", $"validation {Text(ValidationFraction)} and test {Text(TestFraction)} leave nothing to train on; keep their sum below 1");
        Check(MaxBadFraction is >= 0 and <= 1, "max_bad_fraction", $"must be in [0, 1] (is {Text(MaxBadFraction)})");
        return problems;
    }

    /// <summary>The YAML name of <paramref name="format"/> (<c>quickdraw_ndjson</c>).</summary>
    /// <param name="format">The format.</param>
    /// <returns>Its name in the spec.</returns>
    public static string FormatKey(DataFormat format) => format switch
    {
        DataFormat.QuickDrawNdjson => "quickdraw_ndjson",
        DataFormat.QuickDrawRaw => "quickdraw_raw",
        DataFormat.QuickDrawBin => "quickdraw_bin",
        DataFormat.QuickDrawCache => "quickdraw_cache",
        DataFormat.Npy => "npy",
        DataFormat.Npz => "npz",
        DataFormat.Csv => "csv",
        DataFormat.VideoClips => "video_clips",
        _ => format.ToString(),
    };

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
