using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Schedules;

namespace QuickDrawDsl.Examples.Common;

/// <summary>Trainer settings the example classifiers share, so a change of recipe is made once.</summary>
public static class TrainingRecipes
{
    /// <summary>
    /// AdamW at 3e-3 with weight decay 1e-2, cosine decay to 3e-5 over the run, gradients clipped to norm 1: the
    /// recipe measured for the QuickDraw and video classifiers. Callers add their own run folder, checkpoint, progress
    /// and extras (label smoothing, device) with <c>with</c>.
    /// </summary>
    /// <param name="epochs">Training epochs (the schedule spans them).</param>
    /// <param name="classNames">Class names, in label order.</param>
    /// <param name="seed">Seed for shuffling and dropout.</param>
    /// <param name="topK">Top-k accuracy reported beside top-1 (capped at the number of classes).</param>
    /// <returns>The options.</returns>
    public static TrainerOptions Classification(int epochs, IReadOnlyList<string> classNames, long seed, int topK)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return new TrainerOptions
        {
            Epochs = epochs,
            Optimizer = OptimizerKind.AdamW,
            LearningRate = 3e-3,
            WeightDecay = 1e-2,
            Schedule = new CosineLrSchedule(epochs, 3e-5),
            ClipGradientNorm = 1.0,
            ClassCount = classNames.Count,
            ClassNames = classNames,
            TopK = Math.Min(topK, classNames.Count),
            Seed = seed,
        };
    }
}
