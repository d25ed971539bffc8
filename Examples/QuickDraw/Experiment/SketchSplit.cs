using System;
using System.Collections.Generic;
using System.Globalization;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// The split by position that train's <c>--train-per-class</c>, <c>--test-per-class</c> and <c>--validation-fraction</c>
/// ask for: the first <see cref="TrainPerClass"/> drawings of each file are the training block, whose last
/// ⌈fraction × N⌉ (at least 1) validate — they pick the best epoch — and the next <see cref="TestPerClass"/> are the
/// test split that only <c>evaluate</c> and <c>export</c> read. The test split is the same drawings whatever the
/// fraction, so test numbers stay comparable across runs.
/// </summary>
/// <param name="TrainPerClass">The training block per class, validation included.</param>
/// <param name="TestPerClass">The test drawings per class, after the training block.</param>
/// <param name="ValidationFraction">The share of the training block held out for validation, in (0, 1).</param>
internal sealed record SketchSplit(int TrainPerClass, int TestPerClass, double ValidationFraction)
{
    /// <summary>The option that sets <see cref="TrainPerClass"/>.</summary>
    public const string TrainOption = "--train-per-class";

    /// <summary>The option that sets <see cref="TestPerClass"/>.</summary>
    public const string TestOption = "--test-per-class";

    /// <summary>The option that sets <see cref="ValidationFraction"/>.</summary>
    public const string ValidationOption = "--validation-fraction";

    /// <summary>
    /// Validation drawings per class: ⌈fraction × N⌉, at least 1, always leaving at least one to train on; otherwise a
    /// one-line error naming the option and the fix.
    /// </summary>
    /// <returns>The count.</returns>
    /// <exception cref="UserError">The block is too small, or the fraction takes all of it.</exception>
    public int ValidationCount()
    {
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{ValidationOption} {ValidationFraction} must be in (0, 1): the share of each class's training drawings held out for validation, e.g. 0.1"));
        }

        if (TrainPerClass < 2)
        {
            throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{TrainOption} {TrainPerClass} leaves no drawing to validate on (validation is carved out of each class's training drawings): use {TrainOption} 2 or more"));
        }

        // The tolerance keeps 0.1 × 70 (7.000000000000001 in binary) at 7, not 8.
        int count = Math.Max(1, (int)Math.Ceiling((ValidationFraction * TrainPerClass) - 1e-9));
        if (count >= TrainPerClass)
        {
            double most = (TrainPerClass - 1) / (double)TrainPerClass;
            throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{ValidationOption} {ValidationFraction} takes all {TrainPerClass} training drawings per class ({TrainOption} {TrainPerClass}) for validation, leaving none to train on: use {ValidationOption} {Math.Floor(most * 1000) / 1000:0.###} or less, or a larger {TrainOption}"));
        }

        return count;
    }

    /// <summary>The reader's split: (N − V, V, test).</summary>
    /// <returns>The policy.</returns>
    public PositionalSplitPolicy Policy()
    {
        int validation = ValidationCount();
        return new PositionalSplitPolicy(TrainPerClass - validation, validation, TestPerClass);
    }

    /// <summary>The split as train records it (run's <c>train-settings.json</c>), keyed by its options.</summary>
    /// <returns>The three settings.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> Settings() =>
    [
        new(TrainOption, TrainPerClass.ToString(CultureInfo.InvariantCulture)),
        new(TestOption, TestPerClass.ToString(CultureInfo.InvariantCulture)),
        new(ValidationOption, ValidationFraction.ToString("R", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The split a run recorded, or null when it was trained on the spec's <c>data.splits</c>.</summary>
    /// <param name="recorded">The run's settings.</param>
    /// <returns>The split.</returns>
    /// <exception cref="UserError">A recorded value is not a number.</exception>
    public static SketchSplit? FromSettings(IReadOnlyDictionary<string, string> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!recorded.TryGetValue(TrainOption, out string? train))
        {
            return null;
        }

        return new SketchSplit(Whole(TrainOption, train), Whole(TestOption, recorded.GetValueOrDefault(TestOption)), Fraction(recorded.GetValueOrDefault(ValidationOption)));

        static int Whole(string key, string? text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw Broken(key, text);

        static double Fraction(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) ? f : throw Broken(ValidationOption, text);

        static UserError Broken(string key, string? text) =>
            new($"the run's train-settings.json records {key} '{text}', which is not a valid value; train the run again with --force, or restore the file");
    }
}
