using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Archetypes;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using TorchSharp;
using Xunit.Abstractions;
using static QuickDrawDsl.Runtime.Tests.Export.OnnxParity;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

/// <summary>
/// Every archetype's generated <c>ExportOnnx</c>: the exported file, run by ONNX Runtime with all graph optimisations,
/// gives the eval-mode TorchSharp forward at two batch sizes and two sequence lengths (one graph, dynamic axes), and
/// for sequence models also on padded batches with lengths whose padding holds random values. Besides the archetypes,
/// the specs in Export/Models cover every layer type, activation, padding and pooling mode the generator exports.
/// </summary>
public sealed class GeneratedModelParityTests(ITestOutputHelper output)
{
    private static readonly long[] Batches = [2, 5];
    private static readonly long[] Times = [13, 24];

    public static TheoryData<string> Archetypes => new(
        nameof(QuickDrawClassifier), nameof(RidershipForecaster), nameof(StepForecaster), nameof(EncoderDecoderForecaster), nameof(SketchGenerator),
        nameof(LatentDecoder), nameof(VideoClassifier), nameof(BitmapClassifier), nameof(TokenTagger), nameof(FrameSequenceClassifier), nameof(WaveNetForecaster), nameof(ResidualWaveNetForecaster));

    public static TheoryData<string> LayerCoverage => new(
        nameof(MaskedConvPoolClassifier), nameof(MeanPoolRegressor), nameof(StackedRecurrentClassifier), nameof(ConvRnnTagger),
        nameof(TrackClassifier), nameof(PatchClassifier), nameof(ClipEncoder), nameof(RnnDecoder), nameof(CausalConvClassifier), nameof(PaddedPatchClassifier),
        nameof(AttentionTagger), nameof(ConditionedDecoder), nameof(ResidualTagger), nameof(ResidualPatchClassifier),
        nameof(TransformerEncoderClassifier));

    [Theory]
    [MemberData(nameof(Archetypes))]
    [MemberData(nameof(LayerCoverage))]
    public void ExportedModelMatchesForward(string name)
    {
        Seed(name.Sum(c => c));
        using DisposeScope scope = NewDisposeScope();
        Subject subject = Create(name);
        using nn.Module model = subject.Model;
        Randomize(model);
        Warm(subject);

        ModelInfo info = ((IGeneratedModel)model).Info;
        bool sequence = info.InputShape.Count > 0 && info.InputShape[0] == "time";
        string path = Path.Combine(Path.GetTempPath(), $"qd-parity-{name}-{Guid.NewGuid():N}.onnx");
        try
        {
            subject.Export(path, false);
            using (var predictor = new OnnxPredictor(path))
            {
                CheckSignature(predictor, info, withLengths: false);
                foreach (long batch in Batches)
                {
                    foreach (long time in sequence ? Times : [0])
                    {
                        using DisposeScope inner = NewDisposeScope();
                        Tensor x = subject.Input(batch, time);
                        Tensor expected = Forward(subject, x, null);
                        Tensor actual = predictor.Run(new Dictionary<string, Tensor> { [info.InputName] = x })[info.OutputName];
                        Report(name, $"batch {batch}, time {time}", actual, expected);
                    }
                }
            }

            if (!sequence)
            {
                return;
            }

            subject.Export(path, true);
            using (var predictor = new OnnxPredictor(path))
            {
                CheckSignature(predictor, info, withLengths: true);
                foreach (long time in Times)
                {
                    using DisposeScope inner = NewDisposeScope();
                    long[] valid = [time, time - 4, 1, (time / 2) + 1];
                    Tensor lengths = tensor(valid);
                    Tensor x = Garbage(subject.Input(valid.Length, time), subject.Input(valid.Length, time), valid);
                    Tensor expected = Forward(subject, x, lengths);
                    Tensor actual = predictor.Run(new Dictionary<string, Tensor> { [info.InputName] = x, ["lengths"] = lengths })[info.OutputName];
                    Report(name, $"padded to {time}, lengths [{string.Join(", ", valid)}]", actual, expected);

                    // The padding must matter to the unmasked forward, or this case would prove nothing about masking.
                    Tensor unmasked = Forward(subject, x, null);
                    MaxAbsDiff(unmasked, expected).ShouldBeGreaterThan(Tolerance, "padding does not reach the unmasked forward");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ExportCarriesNameKindAndShape()
    {
        Seed(90);
        using var model = new QuickDrawClassifier();
        OnnxGraphBuilder graph = model.ToOnnx(withLengths: true);
        using var predictor = new OnnxPredictor(graph.ToBytes());
        predictor.Metadata[OnnxMetadataKeys.ModelName].ShouldBe("QuickDrawClassifier");
        predictor.Metadata[OnnxMetadataKeys.ModelKind].ShouldBe("seq2vec");
        predictor.Metadata[OnnxMetadataKeys.InputShape].ShouldBe("[batch, time, 3]");
        predictor.Inputs.Select(i => i.ShapeText).ShouldBe(["[batch, time, 3]", "[batch]"]);
        predictor.Outputs.Single().ShapeText.ShouldBe("[batch, 345]");
        graph.OperatorTypes.ShouldNotContain("Dropout");
        graph.OperatorTypes.Count(t => t == "LSTM").ShouldBe(2);
    }

    [Fact]
    public void ExportCarriesLabelsAndOutputKind()
    {
        Seed(91);
        using var model = new StackedRecurrentClassifier();
        using var predictor = new OnnxPredictor(model.ToOnnx().ToBytes());
        predictor.Labels.ShouldBe(["cat", "dog", "fish", "bird"]);
        predictor.Metadata[OnnxMetadataKeys.OutputKind].ShouldBe("probabilities");
        predictor.Inputs.Select(i => i.Name).ShouldBe(["features"]);
    }

    [Fact]
    public void UnrolledDecoderStoresItsWeightsOnce()
    {
        Seed(92);
        using var model = new EncoderDecoderForecaster();
        OnnxGraphBuilder graph = model.ToOnnx();
        graph.OperatorTypes.Count(t => t == "LSTM").ShouldBe(8);

        // Every parameter once as float32 plus small constants; a copy of the cell per step would be about four times more.
        graph.ToBytes().Length.ShouldBeLessThan((int)(EncoderDecoderForecaster.ParameterCount * 4 * 1.2));
    }

    private static void CheckSignature(OnnxPredictor predictor, ModelInfo info, bool withLengths)
    {
        predictor.Inputs.Select(i => i.Name).ShouldBe(withLengths ? [info.InputName, "lengths"] : [info.InputName]);
        predictor.Outputs.Select(o => o.Name).ShouldBe([info.OutputName]);
        predictor.Metadata[OnnxMetadataKeys.ModelName].ShouldBe(info.Name);
        predictor.Metadata[OnnxMetadataKeys.ModelKind].ShouldBe(info.Kind);
    }

    private void Report(string name, string what, Tensor actual, Tensor expected)
    {
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name} {what} [{string.Join(", ", expected.shape)}]: max |diff| {MaxAbsDiff(actual, expected):E2}, max |output| {expected.abs().max().item<float>():G3}"));
        ShouldMatch(actual, expected);
    }

    private static Tensor Forward(Subject subject, Tensor x, Tensor? lengths)
    {
        using (no_grad())
        {
            return subject.Forward(x, lengths);
        }
    }

    /// <summary>Replaces every step past a sequence's length with values from <paramref name="garbage"/>.</summary>
    private static Tensor Garbage(Tensor x, Tensor garbage, long[] lengths)
    {
        Tensor padded = x.clone();
        for (int i = 0; i < lengths.Length; i++)
        {
            long length = lengths[i];
            if (length < x.shape[1])
            {
                padded[i, TensorIndex.Slice(length)] = x.dtype == ScalarType.Int64 ? garbage[i, TensorIndex.Slice(length)] : garbage[i, TensorIndex.Slice(length)] * 25;
            }
        }

        return padded;
    }

    /// <summary>Shifts every parameter off its default initialisation (batch norm's scale 1 and shift 0 included).</summary>
    private static void Randomize(nn.Module model)
    {
        using (no_grad())
        {
            foreach (var parameter in model.parameters())
            {
                // Small beside the default initialisation of weights, so activations keep their usual scale.
                parameter.add_(randn_like(parameter) * (parameter.dim() == 1 ? 0.1 : 0.02));
            }
        }
    }

    /// <summary>A few train-mode forwards give batch norm non-trivial running statistics; then eval mode.</summary>
    private static void Warm(Subject subject)
    {
        subject.Model.train();
        using (no_grad())
        {
            for (int i = 0; i < 3; i++)
            {
                using DisposeScope scope = NewDisposeScope();
                Tensor x = subject.Input(8, 30);
                subject.Forward(x.dtype == ScalarType.Int64 ? x : (x * 2) + 0.5, null);
            }
        }

        subject.Model.eval();
    }

    private static Subject Create(string name)
    {
        static Tensor Floats(params long[] shape) => randn(shape);
        static Tensor Tokens(long batch, long time) => randint(1, 1000, [batch, time], dtype: ScalarType.Int64);
        switch (name)
        {
            case nameof(QuickDrawClassifier):
            {
                var m = new QuickDrawClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            case nameof(RidershipForecaster):
            {
                var m = new RidershipForecaster();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 1));
            }

            case nameof(StepForecaster):
            {
                var m = new StepForecaster();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 1));
            }

            case nameof(EncoderDecoderForecaster):
            {
                var m = new EncoderDecoderForecaster();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 1));
            }

            case nameof(SketchGenerator):
            {
                var m = new SketchGenerator();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 16));
            }

            case nameof(LatentDecoder):
            {
                var m = new LatentDecoder();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 8));
            }

            case nameof(VideoClassifier):
            {
                var m = new VideoClassifier();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 1, 8, 32, 32));
            }

            case nameof(BitmapClassifier):
            {
                var m = new BitmapClassifier();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 1, 28, 28));
            }

            case nameof(TokenTagger):
            {
                var m = new TokenTagger();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, Tokens);
            }

            case nameof(FrameSequenceClassifier):
            {
                var m = new FrameSequenceClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 1, 16, 16));
            }

            case nameof(MaskedConvPoolClassifier):
            {
                var m = new MaskedConvPoolClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 4));
            }

            case nameof(MeanPoolRegressor):
            {
                var m = new MeanPoolRegressor(new MeanPoolRegressorOptions { Outputs = 4 });
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 2));
            }

            case nameof(StackedRecurrentClassifier):
            {
                var m = new StackedRecurrentClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            case nameof(ConvRnnTagger):
            {
                var m = new ConvRnnTagger();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            case nameof(TrackClassifier):
            {
                var m = new TrackClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 8, 2));
            }

            case nameof(PatchClassifier):
            {
                var m = new PatchClassifier();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 3, 12, 12));
            }

            case nameof(ClipEncoder):
            {
                var m = new ClipEncoder();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 2, 4, 8, 8));
            }

            case nameof(WaveNetForecaster):
            {
                var m = new WaveNetForecaster();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 1));
            }

            case nameof(ResidualWaveNetForecaster):
            {
                var m = new ResidualWaveNetForecaster();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 1));
            }

            case nameof(CausalConvClassifier):
            {
                var m = new CausalConvClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            case nameof(AttentionTagger):
            {
                var m = new AttentionTagger();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 5));
            }

            case nameof(PaddedPatchClassifier):
            {
                var m = new PaddedPatchClassifier();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 2, 4, 9, 10));
            }

            case nameof(ResidualTagger):
            {
                var m = new ResidualTagger();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            case nameof(ResidualPatchClassifier):
            {
                var m = new ResidualPatchClassifier();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 2, 10, 10));
            }

            case nameof(TransformerEncoderClassifier):
            {
                var m = new TransformerEncoderClassifier();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            case nameof(RnnDecoder):
            {
                var m = new RnnDecoder();
                return new Subject(m, (p, _) => m.ExportOnnx(p), (x, _) => m.forward(x), (b, _) => Floats(b, 5));
            }

            case nameof(ConditionedDecoder):
            {
                var m = new ConditionedDecoder();
                return new Subject(m, (p, l) => m.ExportOnnx(p, l), m.forward, (b, t) => Floats(b, t, 3));
            }

            default:
                throw new ArgumentException($"No archetype '{name}'.", nameof(name));
        }
    }

    /// <summary>A generated model with its export, its two-argument forward and an input factory (batch, time).</summary>
    private sealed record Subject(nn.Module Model, Action<string, bool> Export, Func<Tensor, Tensor?, Tensor> Forward, Func<long, long, Tensor> Input);
}
