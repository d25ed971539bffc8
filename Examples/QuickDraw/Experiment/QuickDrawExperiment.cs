using System.CommandLine;
using QuickDrawDsl.CommandLine.Experiments;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// What the generated command line needs to run SketchClassifier as this example trains it, plugged in with
/// <see cref="ExperimentCommands.Customize"/>: the model sized by the categories in the data folder (the spec declares
/// the whole dataset's 345) and by train's <c>--categories</c>, the split sized by its per-class options
/// (<see cref="SketchOptions"/>), the stroke-5 features with augmentation (<see cref="SketchFormat"/>), and the export with
/// the preprocessing metadata <c>serve</c> reads (<see cref="SketchExport"/>).
/// </summary>
internal static class QuickDrawExperiment
{
    /// <summary>Sets SketchClassifier's hooks on a command line built by <see cref="ExperimentCommands.Create"/>.</summary>
    /// <param name="root">Its root command.</param>
    public static void Customize(RootCommand root)
    {
        SketchOptions options = SketchOptions.AddTo(root);
        ExperimentCommands.Customize(root, nameof(SketchClassifier), m => m with
        {
            CreateForLabels = labels => new SketchClassifier(new SketchClassifierOptions { Classes = labels.Count }),
            Format = options.Format,
            Exporter = request => SketchExport.Write((SketchClassifier)request.Module, request.Preprocessing.Labels, (float)request.Preprocessing.OffsetScale, request.OnnxPath),
        });
    }
}
