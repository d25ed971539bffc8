using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training.Metrics;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="History">One entry per epoch run (including epochs from before a resume).</param>
/// <param name="BestEpoch">0-based epoch with the best monitored value (-1 without validation or early stopping).</param>
/// <param name="BestValue">Best monitored value.</param>
/// <param name="StoppedEarly">True when early stopping ended the run.</param>
/// <param name="Cancelled">True when the run was cancelled before its last epoch.</param>
/// <param name="ValidationConfusion">Confusion matrix of the last validation pass (classification with a known class count), or null.</param>
/// <param name="OutputFiles">Files written (CSV, event files folder, PNG plots, checkpoint).</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochResult> History,
    int BestEpoch,
    double BestValue,
    bool StoppedEarly,
    bool Cancelled,
    ConfusionMatrix? ValidationConfusion,
    IReadOnlyList<string> OutputFiles);
