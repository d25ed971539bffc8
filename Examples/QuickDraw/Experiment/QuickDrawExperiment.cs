using System.CommandLine;
using System.IO;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Export;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// What the generated command line needs to run SketchClassifier as this example trains it, plugged in with
/// <see cref="ExperimentCommands.Customize"/>: the model sized by the categories in the data folder (the spec declares
/// the whole dataset's 345) and by train's <c>--categories</c>, the split sized by its per-class options
/// (<see cref="SketchOptions"/>) or a prepared cache (<c>--cache</c>), the data found where the example looks for it
/// when <c>--data</c> is not given (<see cref="Pipeline.DataLocator"/>), the stroke-5 features with augmentation
/// (<see cref="SketchFormat"/>), the PNG plots (<see cref="PlotsCallback"/>), the run folder <c>runs/quickdraw</c> that
/// <c>serve</c> and the README use (a run of the earlier hand-written train there is refused on <c>--resume</c>,
/// <see cref="LegacyRuns"/>), and the export with the preprocessing metadata <c>serve</c> reads
/// (<see cref="SketchExport"/>). BitmapClassifier gets the same sizing, data default, plots and run folder over the
/// built-in <c>npy</c> reader (<see cref="BitmapFiles"/>).
/// </summary>
internal static class QuickDrawExperiment
{
    /// <summary>The run folder of every command when <c>--output</c> is not given.</summary>
    public static readonly string RunFolder = Path.Combine("runs", "quickdraw");

    /// <summary>
    /// Sets SketchClassifier's and BitmapClassifier's hooks on a command line built by <see cref="ExperimentCommands.Create"/>,
    /// SketchClassifier the model run without <c>--model</c>.
    /// </summary>
    /// <param name="root">Its root command.</param>
    public static void Customize(RootCommand root)
    {
        SketchOptions options = SketchOptions.AddTo(root);
        LegacyRuns.RefuseResumeIn(root, RunFolder);
        ExperimentCommands.Customize(root, nameof(SketchClassifier), m => m with
        {
            CreateForLabels = labels => new SketchClassifier(new SketchClassifierOptions { Classes = labels.Count }),
            Format = options.Format,
            TrainingCallbacks = () => [new PlotsCallback()],
            OutputFolder = RunFolder,
            Exporter = request => SketchExport.Write((SketchClassifier)request.Module, request.Preprocessing.Labels, (float)request.Preprocessing.OffsetScale, request.OnnxPath),
        });
        ExperimentCommands.Customize(root, nameof(BitmapClassifier), m => m with
        {
            CreateForLabels = labels => new BitmapClassifier(new BitmapClassifierOptions { Classes = labels.Count }),
            Format = parse => new BitmapFiles(dataGiven: SketchOptions.Given(parse, "--data")),
            TrainingCallbacks = () => [new PlotsCallback()],
            OutputFolder = RunFolder,
            Exporter = ExportBitmaps,
        });

        // The README, build.sh and serve name the stroke model alone; --model BitmapClassifier picks the other.
        ExperimentCommands.SetDefaultModel(root, nameof(SketchClassifier));
    }

    // The labels and the pixel scale in the file, as the example's serve and browser page read them.
    private static void ExportBitmaps(ExportRequest request)
    {
        OnnxGraphBuilder onnx = ((BitmapClassifier)request.Module).ToOnnx();
        onnx.SetLabels(request.Preprocessing.Labels);
        onnx.SetMetadata(OnnxMetadataKeys.InputNormalization, "bitmap: uint8 / 255, [1, 28, 28]");
        onnx.Save(request.OnnxPath);
    }
}
