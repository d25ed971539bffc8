using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The split train's <c>--train-per-class</c>, <c>--test-per-class</c> and <c>--validation-fraction</c> ask for
/// (<see cref="SketchSplit"/>): validation is carved from the end of each class's training block, never the test
/// split, at least one drawing a class, and the run's <c>train-settings.json</c> records it.
/// </summary>
public sealed class ValidationSplitTests
{
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
    public void ValidationIsTheCeilingOfTheFractionAndAtLeastOne(int trainPerClass, double fraction, int expected)
    {
        var split = new SketchSplit(trainPerClass, 20, fraction);
        split.ValidationCount().ShouldBe(expected);
        PositionalSplitPolicy policy = split.Policy();
        (policy.TrainCount, policy.ValidationCount, policy.TestCount).ShouldBe((trainPerClass - expected, expected, 20));
    }

    [Theory]
    [InlineData(1, 0.1, "--train-per-class 1", "--train-per-class 2 or more")]
    [InlineData(4, 0.9, "--validation-fraction 0.9", "--validation-fraction 0.75 or less")]
    [InlineData(2, 0.6, "--validation-fraction 0.6", "--validation-fraction 0.5 or less")]
    [InlineData(80, 0, "--validation-fraction 0", "(0, 1)")]
    [InlineData(80, 1, "--validation-fraction 1", "(0, 1)")]
    public void AnEmptySplitIsOneLineNamingTheOptionAndTheFix(int trainPerClass, double fraction, string option, string fix)
    {
        UserError error = Should.Throw<UserError>(() => new SketchSplit(trainPerClass, 20, fraction).ValidationCount());
        error.Message.ShouldContain(option);
        error.Message.ShouldContain(fix);
        error.Message.ShouldNotContain("\n");
        Should.Throw<UserError>(() => new SketchSplit(trainPerClass, 20, fraction).Policy()).Message.ShouldBe(error.Message);
    }

    [Fact]
    public void ValidationIsTheEndOfEachTrainingBlockAndTheTestSplitDoesNotMove()
    {
        string data = Fixtures.PathOf("quickdraw", "simplified_100");
        string[] classes = [.. DataLocator.Categories(data, DataFormat.Strokes, null)];
        SplitDataset<Drawing> split = QuickDrawDatasets.LoadDrawings(data, classes, new SketchSplit(80, 20, 0.1).Policy());
        SplitDataset<Drawing> wider = QuickDrawDatasets.LoadDrawings(data, classes, new SketchSplit(80, 20, 0.3).Policy());

        split.Train.Items.Count.ShouldBe(6 * 72);
        split.Validation.Items.Count.ShouldBe(6 * 8);
        split.Test.Items.Count.ShouldBe(6 * 20);
        wider.Train.Items.Count.ShouldBe(6 * 56);
        wider.Validation.Items.Count.ShouldBe(6 * 24);
        wider.Test.Items.Count.ShouldBe(6 * 20);
        for (int c = 0; c < classes.Length; c++)
        {
            // In each file: drawings 0-71 train, 72-79 validate, 80-99 test; a larger fraction moves the boundary
            // inside the first 80 (0-55 train, 56-79 validate) and tests on the same 20 drawings.
            ulong[] file = [.. QuickDrawDatasets.LoadDrawings(data, [classes[c]], new PositionalSplitPolicy(100, 0, 0)).Train.Items.Select(d => d.KeyId)];
            Keys(split.Train, c).ShouldBe(file[..72]);
            Keys(split.Validation, c).ShouldBe(file[72..80]);
            Keys(split.Test, c).ShouldBe(file[80..100]);
            Keys(wider.Train, c).ShouldBe(file[..56]);
            Keys(wider.Validation, c).ShouldBe(file[56..80]);
            Keys(wider.Test, c).ShouldBe(file[80..100]);
        }
    }

    [Fact]
    public void TheRecordedSplitReadsBackAndABrokenValueIsOneLine()
    {
        var split = new SketchSplit(80, 20, 0.1);
        Dictionary<string, string> recorded = split.Settings().ToDictionary(p => p.Key, p => p.Value);
        recorded.ShouldBe(new Dictionary<string, string> { ["--train-per-class"] = "80", ["--test-per-class"] = "20", ["--validation-fraction"] = "0.1" });
        SketchSplit.FromSettings(recorded).ShouldBe(split);

        // A run trained on the spec's data.splits records none of them, and keeps that split.
        SketchSplit.FromSettings(new Dictionary<string, string> { ["--data"] = "/data" }).ShouldBeNull();

        recorded["--test-per-class"] = "twenty";
        UserError error = Should.Throw<UserError>(() => SketchSplit.FromSettings(recorded));
        error.Message.ShouldBe("the run's train-settings.json records --test-per-class 'twenty', which is not a valid value; train the run again with --force, or restore the file");
        recorded["--test-per-class"] = "0";
        Should.Throw<UserError>(() => SketchSplit.FromSettings(recorded)).Message.ShouldContain("--test-per-class '0'");

        // A fraction out of range reads back, and the split it would make is refused as on the command line.
        recorded["--test-per-class"] = "20";
        recorded["--validation-fraction"] = "1.5";
        Should.Throw<UserError>(() => SketchSplit.FromSettings(recorded)!.Policy()).Message.ShouldStartWith("--validation-fraction 1.5 must be in (0, 1)");
    }

    private static ulong[] Keys(LabeledItems<Drawing> items, int label) =>
        [.. items.Items.Where((_, i) => items.Labels[i] == label).Select(d => d.KeyId)];
}
