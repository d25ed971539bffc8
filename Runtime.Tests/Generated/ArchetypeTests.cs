using System;
using System.Linq;
using QuickDrawDsl.Examples.Archetypes;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>Every archetype's generated module runs forward and backward with the declared shapes and parameter count.</summary>
public sealed class ArchetypeTests
{
    public static TheoryData<string> Models => new(
        nameof(QuickDrawClassifier), nameof(RidershipForecaster), nameof(StepForecaster), nameof(EncoderDecoderForecaster),
        nameof(SketchGenerator), nameof(LatentDecoder), nameof(VideoClassifier), nameof(BitmapClassifier), nameof(TokenTagger),
        nameof(FrameSequenceClassifier), nameof(WaveNetForecaster), nameof(ResidualWaveNetForecaster));

    [Theory]
    [MemberData(nameof(Models))]
    public void ForwardGivesTheDeclaredShapeAndBackwardReachesEveryParameter(string name)
    {
        torch.random.manual_seed(1);
        using var scope = NewDisposeScope();
        using nn.Module<Tensor, Tensor> model = Create(name);
        ModelInfo info = ((IGeneratedModel)model).Info;

        foreach ((long batch, long time) in new[] { (2L, 24L), (3L, 17L) })
        {
            Tensor input = Input(info, batch, time);
            Tensor output = model.call(input);
            output.shape.ShouldBe(Expected(info.OutputShape, batch, time), $"{name} batch {batch} time {time}");

            model.zero_grad();
            output.pow(2).mean().backward();
            foreach ((string parameterName, var parameter) in model.named_parameters())
            {
                Tensor grad = parameter.grad.ShouldNotBeNull($"{name}.{parameterName} got no gradient");
                grad.isfinite().all().item<bool>().ShouldBeTrue($"{name}.{parameterName} has a non-finite gradient");
                grad.abs().max().item<float>().ShouldBeGreaterThan(0f, $"{name}.{parameterName} has an all-zero gradient");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ParameterCountComputedAtCompileTimeMatchesTorchSharp(string name)
    {
        using nn.Module<Tensor, Tensor> model = Create(name);
        long actual = model.parameters().Sum(p => p.numel());
        ((IGeneratedModel)model).Info.ParameterCount.ShouldBe(actual);
        ((IGeneratedModel)model).Info.Layers.Sum(l => l.Parameters).ShouldBe(actual);
    }

    [Fact]
    public void QuickDrawClassifierHasTheParameterCountOfItsArchitecture()
    {
        // conv 3→32 k5, 32→64 k5, 64→128 k3; BN ×3; LSTM 128→128 ×2; Linear 128→345.
        long conv = (3 * 32 * 5) + 32 + (32 * 64 * 5) + 64 + (64 * 128 * 3) + 128;
        long norm = 2 * (32 + 64 + 128);
        long lstm = 2 * 4 * 128 * (128 + 128 + 2);
        long dense = (128 * 345) + 345;
        QuickDrawClassifier.ParameterCount.ShouldBe(conv + norm + lstm + dense);
        QuickDrawClassifier.Summary().ShouldContain("Total params: 344,665");
    }

    [Fact]
    public void GeneratedSubmodulesAreNamedAfterTheSpecLayers()
    {
        using var model = new QuickDrawClassifier();
        model.named_parameters().Select(p => p.name).ShouldContain("conv1d_0.weight");
        model.named_parameters().Select(p => p.name).ShouldContain("lstm_1.weight_hh_l0");
        model.named_parameters().Select(p => p.name).ShouldContain("dense_0.bias");
    }

    [Fact]
    public void OptionsOverrideHyperparameters()
    {
        using var small = new RidershipForecaster(new RidershipForecasterOptions { Hidden = 8 });
        long expected = (4 * 8 * (1 + 8 + 2)) + (8 * 7) + 7;
        small.parameters().Sum(p => p.numel()).ShouldBe(expected);
        new StepForecasterOptions().Dropout0Rate.ShouldBe(0.1);
    }

    [Fact]
    public void EncoderDecoderTeacherForcingAndFreeRunningAgreeOnTheFirstStep()
    {
        torch.random.manual_seed(3);
        using var scope = NewDisposeScope();
        using var model = new EncoderDecoderForecaster();
        model.eval();
        Tensor series = randn(4, 30, 1);
        Tensor target = randn(4, 7, 1);

        Tensor free = model.call(series);
        Tensor forced = model.forward_teacher_forced(series, target);
        free.shape.ShouldBe([4L, 7L, 1L]);
        forced.shape.ShouldBe([4L, 7L, 1L]);

        // Step 0 sees the same start token either way; later steps differ because their inputs differ.
        (free[.., 0] - forced[.., 0]).abs().max().item<float>().ShouldBeLessThan(1e-6f);
        (free[.., 1..] - forced[.., 1..]).abs().max().item<float>().ShouldBeGreaterThan(1e-4f);

        // Teacher forcing with the model's own predictions reproduces free running.
        Tensor replay = model.forward_teacher_forced(series, free);
        (replay - free).abs().max().item<float>().ShouldBeLessThan(1e-5f);
    }

    [Fact]
    public void WaveNetForecasterHasTheParameterCountOfItsArchitecture()
    {
        // Conv1d 1→32 k2, seven 32→32 k2, then 32→10 k1 (Hands-On ML ch. 15's stack, 32 filters instead of 20).
        long first = (1 * 32 * 2) + 32;
        long stacked = 7 * ((32 * 32 * 2) + 32);
        long head = (32 * 10) + 10;
        WaveNetForecaster.ParameterCount.ShouldBe(first + stacked + head);
    }

    [Fact]
    public void ResidualWaveNetForecasterHasTheParameterCountOfItsArchitecture()
    {
        // Conv1d 1→32 k2; seven blocks of 32→32 k2 and 32→32 k1 that keep the width (no projection); 32→10 k1.
        long first = (1 * 32 * 2) + 32;
        long blocks = 7 * (((32 * 32 * 2) + 32) + ((32 * 32) + 32));
        long head = (32 * 10) + 10;
        ResidualWaveNetForecaster.ParameterCount.ShouldBe(first + blocks + head);
    }

    [Fact]
    public void WaveNetStepSeesExactlyTheThirtyOneStepsUpToIt()
    {
        // Dilations 1, 2, 4, 8 twice with kernel 2: a receptive field of 1 + 2 × 15 = 31 steps, all in the past.
        torch.random.manual_seed(3);
        using var scope = NewDisposeScope();
        using var model = new WaveNetForecaster();
        model.eval();
        using (no_grad())
        {
            foreach (var parameter in model.parameters())
            {
                // Positive weights and biases keep every ReLU open, so each step in the field has a non-zero gradient.
                parameter.copy_(rand_like(parameter) * 0.2 + 0.05);
            }
        }

        Tensor series = rand(1, 80, 1).requires_grad_(true);
        const int Step = 60;
        model.forward(series)[0, Step].sum().backward();
        float[] gradient = series.grad!.abs()[0, .., 0].data<float>().ToArray();
        for (int t = 0; t < gradient.Length; t++)
        {
            bool inField = t <= Step && t > Step - 31;
            (gradient[t] > 0).ShouldBe(inField, $"step {t}");
        }
    }

    internal static nn.Module<Tensor, Tensor> Create(string name) => name switch
    {
        nameof(QuickDrawClassifier) => new QuickDrawClassifier(),
        nameof(RidershipForecaster) => new RidershipForecaster(),
        nameof(StepForecaster) => new StepForecaster(),
        nameof(WaveNetForecaster) => new WaveNetForecaster(),
        nameof(ResidualWaveNetForecaster) => new ResidualWaveNetForecaster(),
        nameof(EncoderDecoderForecaster) => new EncoderDecoderForecaster(),
        nameof(SketchGenerator) => new SketchGenerator(),
        nameof(LatentDecoder) => new LatentDecoder(),
        nameof(VideoClassifier) => new VideoClassifier(),
        nameof(BitmapClassifier) => new BitmapClassifier(),
        nameof(TokenTagger) => new TokenTagger(),
        nameof(FrameSequenceClassifier) => new FrameSequenceClassifier(),
        _ => throw new ArgumentException(name),
    };

    internal static Tensor Input(ModelInfo info, long batch, long time)
    {
        long[] shape = [batch, .. info.InputShape.Select(d => long.TryParse(d, out long n) ? n : time)];
        return info.InputDType == "int64" ? randint(1, 1000, shape, dtype: ScalarType.Int64) : randn(shape);
    }

    private static long[] Expected(System.Collections.Generic.IReadOnlyList<string> shape, long batch, long time) =>
        [batch, .. shape.Select(d => long.TryParse(d, out long n) ? n : time)];
}
