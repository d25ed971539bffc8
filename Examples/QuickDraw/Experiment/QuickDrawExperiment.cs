using System.CommandLine;
using System.IO;
using QuickDrawDsl.CommandLine.Experiments;

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
/// (<see cref="SketchExport"/>).
/// </summary>
internal static class QuickDrawExperiment
{
    /// <summary>The run folder of every command when <c>--output</c> is not given.</summary>
    public static readonly string RunFolder = Path.Combine("runs", "quickdraw");

    /// <summary>Sets SketchClassifier's hooks on a command line built by <see cref="ExperimentCommands.Create"/>.</summary>
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
    }
}
