using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The in-memory run's validation split: carved from the end of each class's training block, never the test split,
/// at least one drawing per class, and old run.json files (no fraction) keep validating on test.
/// </summary>
public sealed class ValidationSplitTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-validation-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(80, 0.1, 8)]
    [InlineData(70, 0.1, 7)] // 0.1 × 70 is 7.000000000000001 in binary: still 7
    [InlineData(1200, 0.1, 120)]
    [InlineData(16, 0.1, 2)]
    [InlineData(8, 0.1, 1)]
    [InlineData(5, 0.1, 1)] // at least one
    [InlineData(4, 0.1, 1)]
    [InlineData(2, 0.5, 1)]
    [InlineData(4, 0.75, 3)]
    [InlineData(10, 0.25, 3)] // ceil(2.5)
    public void ValidationIsTheCeilingOfTheFractionAndAtLeastOne(int trainPerClass, double fraction, int expected) =>
        InMemorySplit.ValidationCount(trainPerClass, fraction).ShouldBe(expected);

    [Theory]
    [InlineData(1, 0.1, "--train-per-class 1", "--train-per-class 2 or more")]
    [InlineData(4, 0.9, "--validation-fraction 0.9", "--validation-fraction 0.75 or less")]
    [InlineData(2, 0.6, "--validation-fraction 0.6", "--validation-fraction 0.5 or less")]
    [InlineData(80, 0, "--validation-fraction 0", "(0, 1)")]
    [InlineData(80, 1, "--validation-fraction 1", "(0, 1)")]
    public void AnEmptySplitIsOneLineNamingTheOptionAndTheFix(int trainPerClass, double fraction, string option, string fix)
    {
        UserError error = Should.Throw<UserError>(() => InMemorySplit.ValidationCount(trainPerClass, fraction));
        error.Message.ShouldContain(option);
        error.Message.ShouldContain(fix);
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void ValidationIsTheEndOfEachTrainingBlockAndTheTestSplitDoesNotMove()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string[] classes = DataLocator.Categories(data, DataFormat.Strokes, null).ToArray();
        var settings = new RunSettings(DataFormat.Strokes, data, classes, 80, 20, Seed: 1, ValidationFraction: 0.1);
        SplitDataset<Drawing> split = QuickDrawDatasets.LoadDrawings(data, classes, InMemorySplit.Policy(settings));
        SplitDataset<Drawing> legacy = QuickDrawDatasets.LoadDrawings(data, classes, InMemorySplit.Policy(settings with { ValidationFraction = null }));

        split.Train.Items.Count.ShouldBe(6 * 72);
        split.Validation.Items.Count.ShouldBe(6 * 8);
        split.Test.Items.Count.ShouldBe(6 * 20);
        legacy.Validation.Items.Count.ShouldBe(0);
        for (int c = 0; c < classes.Length; c++)
        {
            // In each file: drawings 0-71 train, 72-79 validate, 80-99 test, the same test drawings as without validation.
            ulong[] file = QuickDrawDatasets.LoadDrawings(data, [classes[c]], new PositionalSplitPolicy(100, 0, 0)).Train.Items.Select(d => d.KeyId).ToArray();
            Keys(split.Train, c).ShouldBe(file[..72]);
            Keys(split.Validation, c).ShouldBe(file[72..80]);
            Keys(split.Test, c).ShouldBe(file[80..100]);
            Keys(legacy.Test, c).ShouldBe(file[80..100]);
            Keys(legacy.Train, c).ShouldBe(file[..80]);
        }
    }

    [Fact]
    public void TrainingScoresValidationAndEvaluateScoresTest()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string[] classes = DataLocator.Categories(data, DataFormat.Strokes, null).ToArray();
        var settings = new RunSettings(DataFormat.Strokes, data, classes, 80, 20, Seed: 1, ValidationFraction: 0.1);

        using (RunLoaders training = RunData.Loaders(settings, batchSize: 32, training: true))
        {
            training.EvaluateSplit.ShouldBe(DataSplit.Validation);
            training.Train.SampleCount.ShouldBe(6 * 72);
            training.Evaluate.SampleCount.ShouldBe(6 * 8);
            training.Counts[DataSplit.Test].ShouldAllBe(n => n == 20);
        }

        using (RunLoaders evaluate = RunData.Loaders(settings, batchSize: 32, training: false))
        {
            evaluate.EvaluateSplit.ShouldBe(DataSplit.Test);
            evaluate.Evaluate.SampleCount.ShouldBe(6 * 20);
        }

        // A run.json from before the validation split: trains on all 80 and validates on test, as it did.
        using RunLoaders old = RunData.Loaders(settings with { ValidationFraction = null }, batchSize: 32, training: true);
        old.EvaluateSplit.ShouldBe(DataSplit.Test);
        old.Train.SampleCount.ShouldBe(6 * 80);
        old.Evaluate.SampleCount.ShouldBe(6 * 20);
    }

    [Fact]
    public void ARunJsonWithoutTheFractionLoadsAsARunWithoutValidation()
    {
        Directory.CreateDirectory(folder);
        var run = new RunFolder(folder);
        File.WriteAllText(run.SettingsFile, """
            { "Format": 0, "Data": "/data", "Categories": ["apple", "banana"], "TrainPerClass": 80, "TestPerClass": 20, "Seed": 1, "OffsetScale": 0.25, "Cache": null }
            """);
        run.Load().ValidationFraction.ShouldBeNull();

        run.Save(new RunSettings(DataFormat.Strokes, "/data", ["apple", "banana"], 80, 20, 1, 0.25f, ValidationFraction: 0.2));
        run.Load().ValidationFraction.ShouldBe(0.2);

        File.WriteAllText(run.SettingsFile, File.ReadAllText(run.SettingsFile).Replace("\"ValidationFraction\": 0.2", "\"ValidationFraction\": 1.5", StringComparison.Ordinal));
        Should.Throw<UserError>(() => run.Load()).Message.ShouldContain("'ValidationFraction'");
    }

    private static ulong[] Keys(LabeledItems<Drawing> items, int label) =>
        items.Items.Where((_, i) => items.Labels[i] == label).Select(d => d.KeyId).ToArray();
}
