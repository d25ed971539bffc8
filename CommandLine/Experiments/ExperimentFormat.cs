using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// One <c>data.format</c> as the command line reads it: the task it trains (classes or values), what <c>--data</c> and
/// <c>predict --input</c> must be, the model input it fits, how it reads and splits the examples and how it predicts.
/// <see cref="For"/> is the one place that maps a format to its reader. A project reads data of its own by deriving
/// from it (or wrapping a built-in one) and setting <see cref="ExperimentModel.Format"/>.
/// </summary>
public abstract class ExperimentFormat
{
    /// <summary>Classification (labels) or regression (target values).</summary>
    public abstract TrainingTask Task { get; }

    /// <summary>What one example is called in messages ("drawings", "windows").</summary>
    public abstract string Examples { get; }

    /// <summary>What <c>--data</c> must be, in the words of a message ("the folder that holds one &lt;class&gt;.ndjson a class").</summary>
    public abstract string DataDescription { get; }

    /// <summary>What <c>predict --input</c> must be ("an .ndjson file of drawings").</summary>
    public abstract string InputDescription { get; }

    /// <summary>Whether <c>predict --input</c> may be a folder (a video clip as a folder of PNG frames) as well as a file.</summary>
    public virtual bool InputMayBeFolder => false;

    /// <summary>The format a <c>data:</c> section names.</summary>
    /// <param name="format">The <c>data.format</c>.</param>
    /// <param name="arrayKey">The <c>data.array_key</c> (npz).</param>
    /// <returns>Its reader.</returns>
    public static ExperimentFormat For(DataFormat format, string? arrayKey = null) => format switch
    {
        DataFormat.QuickDrawNdjson or DataFormat.QuickDrawRaw or DataFormat.QuickDrawBin => new DrawingFormat(format),
        DataFormat.QuickDrawCache => new CacheFormat(),
        DataFormat.Npy => new BitmapFormat(),
        DataFormat.Npz => new NpzFormat(arrayKey),
        DataFormat.Csv => new SeriesCsvFormat(),
        DataFormat.VideoClips => new VideoFormat(),
        _ => throw new UserError($"data.format {DataSection.FormatKey(format)} is not a format this command line knows; use quickdraw_ndjson, quickdraw_raw, quickdraw_bin, quickdraw_cache, npy, npz, csv or video_clips"),
    };

    /// <summary>
    /// The data <c>train</c> reads when this format takes it from an option of the project's own (a prepared cache given
    /// with <c>--cache</c>) rather than from <c>--data</c> or <c>data.path</c>. <c>train</c> records it as the run's data,
    /// so <c>evaluate</c> and <c>export</c> read it too unless their <c>--data</c> says otherwise. Null (the default):
    /// <c>--data</c>, then <c>data.path</c>.
    /// </summary>
    public virtual string? DataSource => null;

    /// <summary>
    /// The classes the data at <paramref name="path"/> holds, in label order, for a model created by
    /// <see cref="ExperimentModel.CreateForLabels"/>: for a folder of one file a class, the files' names, sorted.
    /// </summary>
    /// <param name="path">The data file or folder.</param>
    /// <param name="data">The <c>data:</c> section.</param>
    /// <returns>The class names; null when the format's data does not name its classes (a regression format).</returns>
    /// <exception cref="UserError">The folder is missing or holds no class file.</exception>
    public virtual IReadOnlyList<string>? DataLabels(string path, DataSection data) => null;

    /// <summary>
    /// What chooses the classes, in a <c>--resume</c> refusal ("the run was started with labels a,b"): a project whose
    /// format takes the classes from an option of its own names that option (<c>--categories</c>).
    /// </summary>
    public virtual string LabelsSetting => "labels";

    /// <summary>
    /// The settings of this format, beyond the <c>data:</c> section, that decide which examples go to which split (a
    /// project's own options, such as a count of training examples a class), keyed by the option that sets them and
    /// written as the command line takes them. <c>train</c> records them in <see cref="RunFiles.TrainSettings"/>,
    /// <c>--resume</c> refuses other values, and <c>evaluate</c> and <c>export</c> hand them back through
    /// <see cref="WithSplitSettings"/>. None by default.
    /// </summary>
    /// <param name="data">The <c>data:</c> section with the command line's overrides (its defaults may follow from it).</param>
    /// <returns>The settings, in a fixed order.</returns>
    public virtual IReadOnlyList<KeyValuePair<string, string>> SplitSettings(DataSection data) => [];

    /// <summary>
    /// This format with the split settings a run recorded at training time (<see cref="SplitSettings"/>), so that
    /// <c>evaluate</c> and <c>export</c> read the test split the run was trained beside whatever this command line says.
    /// </summary>
    /// <param name="recorded">The run's recorded settings (every key <see cref="TrainSettings"/> holds).</param>
    /// <returns>The format to read the run's data with; this one by default.</returns>
    /// <exception cref="UserError">A recorded value is not one the format can read.</exception>
    public virtual ExperimentFormat WithSplitSettings(IReadOnlyDictionary<string, string> recorded) => this;

    /// <summary>The names of the <paramref name="extension"/> files of a data folder, sorted ordinally: one class each.</summary>
    /// <param name="path">The data folder.</param>
    /// <param name="extension">The class files' extension, with its dot.</param>
    /// <returns>The class names.</returns>
    /// <exception cref="UserError">The folder is missing, is a file or holds no such file.</exception>
    protected IReadOnlyList<string> FolderLabels(string path, string extension)
    {
        if (!Directory.Exists(path))
        {
            throw new UserError(File.Exists(path)
                ? $"--data {path} is a file; give {DataDescription}"
                : $"--data {path}: no such folder; give {DataDescription} (or set data.path in the spec)");
        }

        string[] labels = [.. Directory.GetFiles(path, "*" + extension).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
        return labels.Length > 0 ? labels : throw new UserError($"--data {path} holds no {extension} files; give {DataDescription}");
    }

    /// <summary>
    /// Checks that <c>--data</c> exists and has the format's layout (a file a class of the model, a CSV file its
    /// column), before anything is written.
    /// </summary>
    /// <param name="path">The data file or folder.</param>
    /// <param name="data">The <c>data:</c> section.</param>
    /// <param name="info">The model (its labels and class count).</param>
    /// <exception cref="UserError">It does not.</exception>
    public abstract void CheckPath(string path, DataSection data, ModelInfo info);

    /// <summary>Checks that the model's input and output fit the format and the <c>data:</c> section.</summary>
    /// <param name="info">The model.</param>
    /// <param name="data">The <c>data:</c> section.</param>
    /// <exception cref="UserError">They do not; the message names the spec's field to change.</exception>
    public abstract void CheckModel(ModelInfo info, DataSection data);

    /// <summary>Reads and splits the examples.</summary>
    /// <param name="data">The <c>data:</c> section (with overrides).</param>
    /// <param name="path">The data file or folder.</param>
    /// <param name="info">The model.</param>
    /// <param name="seed">The split seed.</param>
    /// <param name="trained">The preprocessing of a trained run (evaluate), or null to fit it on the training split.</param>
    /// <param name="onBadRecord">Called with each bad record.</param>
    /// <returns>The examples.</returns>
    /// <exception cref="UserError">The data or the split settings are wrong.</exception>
    public abstract IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord);

    /// <summary>Predicts the examples of <c>--input</c> and prints one line each.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The number of lines printed.</returns>
    /// <exception cref="UserError">The input holds nothing the model can take.</exception>
    public abstract int Predict(PredictRequest request);
}
