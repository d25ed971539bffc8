using System;
using QuickDrawDsl.Runtime.Plotting;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// The example's PNG plots on the generated <c>train</c> (<see cref="TrainingPlotsCallback"/>: loss and accuracy curves,
/// the validation confusion matrix, in the run folder), each file named on stdout once written, as the example's own
/// train listed them.
/// </summary>
internal sealed class PlotsCallback : ITrainingCallback
{
    /// <summary>The files the plots may write in the run folder (the classifiers' curves and confusion matrix).</summary>
    public static readonly string[] Files = ["loss.png", "accuracy.png", "confusion_matrix.png"];

    private readonly TrainingPlotsCallback plots = new();

    public void OnTrainEnd(TrainingContext context, TrainingResult result)
    {
        plots.OnTrainEnd(context, result);
        foreach (string file in plots.Files)
        {
            Console.WriteLine("  " + file);
        }
    }
}
