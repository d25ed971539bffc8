using System;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// The per-class split of a run read into memory (<c>train --data</c>), by position in each file: the first
/// <c>--train-per-class</c> drawings are the training block, whose last ⌈fraction × N⌉ (at least 1) validate — they pick
/// the best epoch — and the next <c>--test-per-class</c> are the test split that only <c>evaluate</c> and <c>export</c> read.
/// The test split is the same drawings whatever the fraction, so test numbers stay comparable across runs.
/// </summary>
internal static class InMemorySplit
{
    /// <summary>
    /// Validation drawings per class carved from a training block of <paramref name="trainPerClass"/>: ⌈fraction × N⌉,
    /// at least 1, and always leaving at least one to train on; otherwise a one-line error naming the option and the fix.
    /// </summary>
    /// <param name="trainPerClass">The training block per class (<c>--train-per-class</c>).</param>
    /// <param name="fraction">The share in (0, 1) (<c>--validation-fraction</c>).</param>
    /// <returns>The validation drawings per class.</returns>
    /// <exception cref="UserError">The block is too small, or the fraction takes all of it.</exception>
    public static int ValidationCount(int trainPerClass, double fraction) =>
        new Experiment.SketchSplit(trainPerClass, TestPerClass: 0, fraction).ValidationCount();

    /// <summary>
    /// The run's positional split: with a validation fraction, (N − V, V, test); without one (a run.json written before
    /// the validation split existed), (N, 0, test), and such a run validates on its test split as it always did.
    /// </summary>
    /// <param name="settings">An in-memory run's settings.</param>
    /// <returns>The policy.</returns>
    public static PositionalSplitPolicy Policy(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int validation = settings.ValidationFraction is { } f ? ValidationCount(settings.TrainPerClass, f) : 0;
        return new PositionalSplitPolicy(settings.TrainPerClass - validation, validation, settings.TestPerClass);
    }

    /// <summary>The split the trainer reports on and picks the best epoch by: validation, or test for a run without one.</summary>
    /// <param name="settings">An in-memory run's settings.</param>
    /// <returns>The split.</returns>
    public static DataSplit TrainingEvaluationSplit(RunSettings settings) =>
        settings.ValidationFraction is null ? DataSplit.Test : DataSplit.Validation;
}
