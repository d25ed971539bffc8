using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// Shape rules asserted one case per test method, through the public path (spec text in; rows, forward code or the
/// exact located diagnostics out). They repeat some rows of the table-driven tests on purpose: Stryker.NET's per-test
/// coverage attributes an xUnit theory's rows unreliably (stryker-net#843, #2005), so a mutant that only a theory row
/// kills can be reported as surviving; a fact is attributed exactly. Each test names the rule it holds.
/// </summary>
public sealed class ShapeRuleFactTests
{
    [Fact]
    public void ADynamicAxisAfterTheFirstIsReportedOnceAndStopsInference()
    {
        // Two dynamic axes give one diagnostic, and no layer is inferred on the broken input (dense would add QD0105).
        GeneratorRun run = NetSpec.Run("input: { shape: [4, time, time] }\nlayers:\n  - dense: { units: 2 }");

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe(["Net.model.yaml(2,17): error QD0008: 'input.shape' has invalid value 'time': only the first axis (time) may be dynamic; give the other axes fixed sizes"]);
    }

    [Fact]
    public void AnEmbeddingReadsDynamicTokenIds()
    {
        // vocab · dim = 40; [time] token ids become [time, 4].
        GeneratorRun run = NetSpec.Generate("input: { shape: [time], dtype: int64 }\nlayers:\n  - embedding: { vocab: 10, dim: 4 }");

        NetSpec.Rows(run).ShouldBe(["embedding_0 (Embedding) | [B, time, 4] | 40"]);
    }

    [Fact]
    public void FlattenOnADynamicAxisGetsItsOwnDiagnosticNotTheRankOne()
    {
        GeneratorRun run = NetSpec.Run("input: { shape: [time], dtype: int64 }\nlayers:\n  - flatten: {}");

        run.Messages.ShouldBe(["Net.model.yaml(4,5): error QD0108: Layer 'flatten_0' would flatten [time], whose 'time' axis has no fixed size; use 'global_avgpool'/'global_maxpool' or a recurrent layer with return_sequences: false"]);
    }

    [Fact]
    public void AGlobalPoolAveragesTheValidStepsOfASequenceAndTheSpaceOfAnImage()
    {
        GeneratorRun sequence = NetSpec.Generate("input: { shape: [time, 3] }\nlayers:\n  - global_avgpool: {}");
        GeneratorRun image = NetSpec.Generate("input: { shape: [2, 5, 5] }\nlayers:\n  - global_avgpool: {}");

        NetSpec.Body(sequence, " forward(").ShouldBe(["var x = input; // [B, time, 3]", "x = SequenceOps.MeanOverTime(x, lengths, timeDim: 1); // [B, 3]", "return x;"]);
        NetSpec.Body(image, " forward(").ShouldBe(["var x = input; // [B, 2, 5, 5]", "x = x.mean(new long[] { 2, 3 }); // [B, 2]", "return x;"]);
    }

    [Fact]
    public void TimeDistributedRunsItsLayerOnEveryStep()
    {
        // 3 · 2 + 2 = 8 parameters; Linear applies to the last axis of [B, time, 3] directly.
        GeneratorRun run = NetSpec.Generate("input: { shape: [time, 3] }\nlayers:\n  - time_distributed: { dense: { units: 2 } }");

        NetSpec.Rows(run).ShouldBe(["dense_0 (TimeDistributed(Linear)) | [B, time, 2] | 8"]);
        NetSpec.Body(run, " forward(").ShouldBe(["var x = input; // [B, time, 3]", "x = __dense_0.forward(x); // [B, time, 2]", "return x;"]);
    }

    [Fact]
    public void TimeDistributedRefusesALayerThatNeedsTheWholeSequence()
    {
        GeneratorRun run = NetSpec.Run("input: { shape: [time, 3] }\nlayers:\n  - time_distributed: { embedding: { vocab: 10, dim: 4 } }");

        run.Messages.ShouldBe(["Net.model.yaml(4,25): error QD0107: Layer 'embedding_0' (embedding inside time_distributed) expects to run on the whole sequence but gets one time step; use it without time_distributed"]);
    }

    [Fact]
    public void AConvolutionNamesTheInputItExpects()
    {
        GeneratorRun run = NetSpec.Run("input: { shape: [6] }\nlayers:\n  - conv1d: { filters: 2, kernel: 3 }");

        run.Messages.ShouldBe(["Net.model.yaml(4,5): error QD0107: Layer 'conv1d_0' (conv1d) expects a sequence [time, channels] but gets [6]"]);
    }

    [Fact]
    public void APoolsDefaultSizeThatDoesNotFitIsLocatedAtTheLayer()
    {
        // No 'size' key to point at: the diagnostic points at the layer (line 4), not at the model's name.
        GeneratorRun run = NetSpec.Run("input: { shape: [1, 3] }\nlayers:\n  - maxpool: {}");

        run.Messages.ShouldBe(["Net.model.yaml(4,5): error QD0102: Layer 'maxpool_0': kernel 2 is larger than the input length 1 on axis 'time'; use a smaller kernel or padding: same"]);
    }

    [Fact]
    public void ARecurrentLayerOnAVectorHintsAtTheRecurrentLayerRightBeforeIt()
    {
        GeneratorRun direct = NetSpec.Run("input: { shape: [time, 2] }\nlayers:\n  - gru: { units: 3, return_sequences: true }\n  - gru: { units: 3, return_sequences: false }\n  - lstm: { units: 2 }");
        GeneratorRun afterDense = NetSpec.Run("input: { shape: [time, 2] }\nlayers:\n  - gru: { units: 3, return_sequences: false }\n  - dense: { units: 3 }\n  - lstm: { units: 2 }");

        // The hint names the last recurrent layer (gru_1, not gru_0), and only when it is the layer just before.
        direct.Messages.ShouldBe(["Net.model.yaml(6,5): error QD0103: Layer 'lstm_0' (lstm) needs a sequence [time, features] but gets [3]; set return_sequences: true on 'gru_1'"]);
        afterDense.Messages.ShouldBe(["Net.model.yaml(6,5): error QD0103: Layer 'lstm_0' (lstm) needs a sequence [time, features] but gets [3]"]);
    }

    [Fact]
    public void AnRnnKeepsTheNonlinearityOfItsSpec()
    {
        // 1 gate · 4 · (3 + 4 + 2) = 36.
        GeneratorRun run = NetSpec.Generate("input: { shape: [time, 3] }\nlayers:\n  - rnn: { units: 4, nonlinearity: relu }");

        NetSpec.Rows(run).ShouldBe(["rnn_0 (RNN) | [B, 4] | 36"]);
        NetSpec.Constructions(run).ShouldBe(["__rnn_0 = global::TorchSharp.torch.nn.RNN(3, 4, nonLinearity: global::TorchSharp.torch.nn.NonLinearities.ReLU, batchFirst: true);"]);
    }

    [Fact]
    public void AModelKindMismatchPointsAtTheLastLayer()
    {
        GeneratorRun seq2vec = NetSpec.Run("kind: seq2vec\ninput: { shape: [time, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: 1 }\n  - conv1d: { filters: 2, kernel: 1 }");
        GeneratorRun seq2seq = NetSpec.Run("kind: seq2seq\ninput: { shape: [time, 2] }\nlayers:\n  - conv1d: { filters: 2, kernel: 1 }\n  - global_avgpool: {}");

        seq2vec.Messages.ShouldBe(["Net.model.yaml(6,5): error QD0104: A seq2vec model must output a vector, but the last layer outputs [time, 2]; end with a recurrent layer, global_avgpool or flatten"]);
        seq2seq.Messages.ShouldBe(["Net.model.yaml(6,5): error QD0110: A seq2seq model must output a sequence, but the last layer outputs [2]; keep the time axis (time_distributed dense) or add a decoder: section"]);
    }

    [Fact]
    public void AKernelTooLargeNamesItsAxis()
    {
        static string Message(string body) => NetSpec.Run(body).Messages.ShouldHaveSingleItem();

        Message("input: { shape: [1, 4, 4] }\nlayers:\n  - conv2d: { filters: 1, kernel: [9, 1] }").ShouldContain("on axis 'height'");
        Message("input: { shape: [1, 4, 4] }\nlayers:\n  - conv2d: { filters: 1, kernel: [1, 9] }").ShouldContain("on axis 'width'");
        Message("input: { shape: [1, 4, 4, 4] }\nlayers:\n  - conv3d: { filters: 1, kernel: [9, 1, 1] }").ShouldContain("on axis 'frames'");
        Message("input: { shape: [1, 4, 4, 4] }\nlayers:\n  - conv3d: { filters: 1, kernel: [1, 9, 1] }").ShouldContain("on axis 'height'");
        Message("input: { shape: [1, 4, 4, 4] }\nlayers:\n  - conv3d: { filters: 1, kernel: [1, 1, 9] }").ShouldContain("on axis 'width'");
    }

    [Fact]
    public void ADynamicLengthShowsANegativeOffset()
    {
        // A valid kernel of 3 takes 2 steps off: time − 2, in the table and in the forward comments.
        GeneratorRun run = NetSpec.Generate("input: { shape: [time, 3] }\nlayers:\n  - conv1d: { filters: 4, kernel: 3 }");

        NetSpec.Rows(run).ShouldBe(["conv1d_0 (Conv1d) | [B, time-2, 4] | 40"]);
        NetSpec.Body(run, " forward(").ShouldContain("x = x.transpose(1, 2); // [B, time-2, 4]");
    }

    [Fact]
    public void ADecoderWithADenseHeadStepsAsManyTimesAsTheOutputIsLong()
    {
        // Encoder 2 · 2 + 2 = 6; GRU cell on the 2 fed-back features 3 · 2 · (2 + 2 + 2) = 36; head 2 · 2 + 2 = 6.
        GeneratorRun run = NetSpec.Generate("kind: vec2seq\ninput: { shape: [2] }\noutput: { shape: [3, 2] }\nlayers:\n  - dense: { units: 2 }\ndecoder:\n  cell: gru\n  units: 2\n  head: [ { dense: { units: 2 } } ]");

        NetSpec.Rows(run).ShouldBe(["dense_0 (Linear) | [B, 2] | 6", "decoder (GRU x 3 steps) | [B, 3, 2] | 36", "dense_1 (Linear) | [B, 3, 2] | 6"]);
        NetSpec.Total(run).ShouldBe("48");
    }

    [Fact]
    public void ADecoderTakesItsStepsFromAOneAxisOutputAndThenComparesTheShapes()
    {
        // output [3] gives 3 steps (not "no length"), and the decoded [3, 1] is then compared with it.
        GeneratorRun run = NetSpec.Run("kind: vec2seq\ninput: { shape: [2] }\noutput: { shape: [3] }\nlayers:\n  - dense: { units: 2 }\ndecoder:\n  cell: gru\n  units: 2\n  head: [ { dense: { units: 1 } } ]");

        run.Messages.ShouldBe(["Net.model.yaml(4,18): error QD0106: The layers produce [3, 1] but output.shape declares [3]; change output.shape or the last layer"]);
    }

    [Fact]
    public void ADecoderHeadTakesOnlyLayersThatRunOnOneStep()
    {
        GeneratorRun run = NetSpec.Run("kind: vec2seq\ninput: { shape: [2] }\noutput: { shape: [3, 2] }\nlayers:\n  - dense: { units: 2 }\ndecoder:\n  cell: gru\n  units: 2\n  head: [ { conv1d: { filters: 2, kernel: 1 } } ]");

        run.Messages.ShouldBe(["Net.model.yaml(10,13): error QD0107: Layer 'conv1d_0' (conv1d in decoder.head) expects dense, activation, dropout or layernorm but gets one decoder step"]);
    }

    [Fact]
    public void ADecoderBeyondALongIsOneDiagnosticAtTheDecoder()
    {
        // 4 gates · 2^24 units · (2^24 + 2^24 + 2) per layer, 2^24 layers: far beyond 2^63 − 1.
        GeneratorRun run = NetSpec.Run("kind: vec2seq\ninput: { shape: [2] }\noutput: { shape: [3, 2] }\nlayers:\n  - dense: { units: 16777216 }\ndecoder:\n  cell: lstm\n  units: 16777216\n  num_layers: 16777216\n  head: [ { dense: { units: 2 } } ]");

        run.Messages.ShouldBe(["Net.model.yaml(8,3): error QD0112: the decoder: a size or parameter count is beyond 9,223,372,036,854,775,807, the largest size libtorch accepts; use smaller sizes"]);
    }
}
