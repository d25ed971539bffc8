using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// The experiment of each model as its spec declares it (<c>training:</c> and <c>data:</c> in
/// <c>Models/*.model.yaml</c>, generated as <see cref="SketchClassifierTraining"/>, <see cref="SketchClassifierData"/>,
/// <see cref="BitmapClassifierTraining"/> and <see cref="BitmapClassifierData"/>): the defaults of train and all, so
/// that a change of recipe is made in the YAML, checked at build time, and shown by the commands' help.
/// </summary>
internal static class ExperimentRecipe
{
    /// <summary>The <c>training:</c> section of the format's model.</summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The section.</returns>
    public static TrainingSection Training(DataFormat format) =>
        format == DataFormat.Strokes ? new SketchClassifierTraining() : new BitmapClassifierTraining();

    /// <summary>The <c>data:</c> section of the format's model.</summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The section.</returns>
    public static DataSection Data(DataFormat format) =>
        format == DataFormat.Strokes ? new SketchClassifierData() : new BitmapClassifierData();

    /// <summary>
    /// Test drawings per class: the <c>splits.test</c> share of <c>max_per_class</c>, taken after the training ones
    /// (20 of 100 strokes, 300 of 1,500 bitmaps).
    /// </summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The count.</returns>
    public static int TestPerClass(DataFormat format)
    {
        DataSection data = Data(format);
        return (int)Math.Round(PerClass(data) * data.TestFraction);
    }

    /// <summary>Training drawings per class, validation included: <c>max_per_class</c> less the test ones (80 strokes, 1,200 bitmaps).</summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The count.</returns>
    public static int TrainPerClass(DataFormat format) => PerClass(Data(format)) - TestPerClass(format);

    /// <summary>
    /// The share of each class's training drawings held out for validation: <c>splits.validation</c> is a share of
    /// all <c>max_per_class</c> drawings (0.08), train's <c>--validation-fraction</c> one of the training ones (0.1).
    /// </summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The fraction, rounded to six places so that 0.08 / 0.8 is 0.1, as run.json files record it.</returns>
    public static double ValidationFraction(DataFormat format)
    {
        DataSection data = Data(format);
        return Math.Round(data.ValidationFraction / (1 - data.TestFraction), 6);
    }

    /// <summary>The largest share of bad records tolerated (<c>data.max_bad_fraction</c>).</summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <returns>The share.</returns>
    public static double MaxBadFraction(DataFormat format) => Data(format).MaxBadFraction;

    /// <summary>
    /// The trainer's options from the <c>training:</c> section with the run's epochs and seed: <c>top_k</c> is capped
    /// at the class count, so that two categories report top-2, not an error.
    /// </summary>
    /// <param name="format">Strokes or bitmaps.</param>
    /// <param name="epochs">Training epochs (the cosine schedule spans them).</param>
    /// <param name="categories">The class names, in label order.</param>
    /// <param name="seed">The run's seed.</param>
    /// <returns>The options; the caller adds its run folder, checkpoint, device and progress.</returns>
    /// <exception cref="UserError">An override breaks a rule of the section (e.g. a negative --seed).</exception>
    public static TrainerOptions Options(DataFormat format, int epochs, IReadOnlyList<string> categories, long seed)
    {
        ArgumentNullException.ThrowIfNull(categories);
        TrainingSection training = Training(format);
        training = training with
        {
            Epochs = epochs,
            Seed = seed,
            TopK = training.TopK is { } k ? Math.Min(k, categories.Count) : null,
        };
        if (training.Problems(categories.Count).FirstOrDefault() is { } problem)
        {
            string given = problem.Key switch
            {
                "epochs" => string.Create(CultureInfo.InvariantCulture, $"--epochs {epochs}: "),
                "seed" => string.Create(CultureInfo.InvariantCulture, $"--seed {seed}: "),
                _ => string.Empty,
            };
            throw new UserError($"{given}training.{problem.Key} {problem.Message}; see 'quickdraw train --help'");
        }

        return training.ToTrainerOptions(categories.Count) with { ClassNames = categories };
    }

    private static int PerClass(DataSection data) =>
        data.MaxPerClass ?? throw new InvalidOperationException($"the {data.GetType().Name} of the QuickDraw example sets max_per_class: its splits are by position in each class file.");
}
