using QuickDrawDsl.Examples.QuickDraw;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Schedules;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The QuickDraw example's recipe comes from its specs' <c>training:</c> and <c>data:</c> sections and is the one the
/// README's measured results were trained with (AdamW 3e-3, weight decay 1e-2, cosine to 3e-5, clipping at norm 1,
/// label smoothing 0.1, top-3; 80 training / 20 test strokes a class with 8 of the 80 validating; 1,200 / 300 bitmaps).
/// </summary>
public sealed class ExperimentRecipeTests
{
    [Theory]
    [InlineData(true, 40)]
    [InlineData(false, 5)]
    public void TheTrainerOptionsAreTheMeasuredRecipe(bool strokes, int specEpochs)
    {
        DataFormat format = strokes ? DataFormat.Strokes : DataFormat.Bitmap;
        Assert.Equal(specEpochs, ExperimentRecipe.Training(format).Epochs);
        Assert.Equal(32, ExperimentRecipe.Training(format).BatchSize);
        Assert.Equal(42, ExperimentRecipe.Training(format).Seed);

        TrainerOptions options = ExperimentRecipe.Options(format, epochs: 12, ["apple", "banana", "eye", "fish"], seed: 7);
        Assert.Equal(OptimizerKind.AdamW, options.Optimizer);
        Assert.Equal(3e-3, options.LearningRate);
        Assert.Equal(1e-2, options.WeightDecay);
        Assert.Equal(1.0, options.ClipGradientNorm);
        Assert.Equal(0.1, options.LabelSmoothing);
        Assert.Equal(LossKind.CrossEntropy, options.Loss);
        Assert.Equal(3, options.TopK);
        Assert.Equal(4, options.ClassCount);
        Assert.Equal(["apple", "banana", "eye", "fish"], options.ClassNames);
        Assert.Equal(12, options.Epochs);
        Assert.Equal(7, options.Seed);
        Assert.True(options.RestoreBestModel);

        // Cosine over the run's 12 epochs from 3e-3 to 3e-5: the override moves the schedule's end, not only the count.
        CosineLrSchedule cosine = Assert.IsType<CosineLrSchedule>(options.Schedule);
        Assert.Equal((12, 3e-5), (cosine.Period, cosine.MinLearningRate));
        Assert.Equal(3e-3, cosine.LearningRateFor(0, 3e-3), 12);
        Assert.Equal(3e-5 + ((3e-3 - 3e-5) / 2), cosine.LearningRateFor(6, 3e-3), 12);
    }

    [Fact]
    public void TheStrokeFeaturesKeepTheSpecsMaxPoints()
    {
        Assert.Equal(128, new SketchClassifierData().MaxPoints);
        Assert.Equal(128, SketchFeatures.MaxPoints);
        Assert.Equal(128, SketchPreprocessing.Current(1f).MaxPoints);
    }

    [Fact]
    public void TopKIsCappedAtTheClassCount() =>
        Assert.Equal(2, ExperimentRecipe.Options(DataFormat.Strokes, 3, ["apple", "banana"], 42).TopK);

    [Theory]
    [InlineData(true, 80, 20, 72, 8)]
    [InlineData(false, 1200, 300, 1080, 120)]
    public void TheSplitsArePositionalAsBefore(bool strokes, int trainPerClass, int testPerClass, int train, int validation)
    {
        DataFormat format = strokes ? DataFormat.Strokes : DataFormat.Bitmap;
        Assert.Equal(trainPerClass, ExperimentRecipe.TrainPerClass(format));
        Assert.Equal(testPerClass, ExperimentRecipe.TestPerClass(format));
        Assert.Equal(0.1, ExperimentRecipe.ValidationFraction(format));
        PositionalSplitPolicy policy = InMemorySplit.Policy(new RunSettings(format, "data", ["a", "b"], ExperimentRecipe.TrainPerClass(format), ExperimentRecipe.TestPerClass(format), 42, ValidationFraction: ExperimentRecipe.ValidationFraction(format)));
        Assert.Equal((train, validation, testPerClass), (policy.TrainCount, policy.ValidationCount, policy.TestCount));
        Assert.Equal(0.05, ExperimentRecipe.MaxBadFraction(format));
    }

    [Fact]
    public void ANegativeSeedIsOneLineNamingTheOption()
    {
        UserError error = Assert.Throws<UserError>(() => ExperimentRecipe.Options(DataFormat.Strokes, 3, ["apple", "banana"], -1));
        Assert.Equal("--seed -1: training.seed must be at least 0 (is -1); see 'quickdraw train --help'", error.Message);
    }
}
