using System.IO;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>
/// <c>residual</c> blocks as a user meets them: the summary row (shape and parameter count worked out by hand in the
/// comment above each case) and the fields the module gets, the forward and ONNX steps around the block, and the
/// located diagnostic of each mistake.
/// </summary>
public sealed class ResidualBlockTests
{
    [Theory]
    // Same width, no projection: conv 4·4·3 + 4 = 52, then conv 4·4·1 + 4 = 20.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 4] }\nlayers:\n  - residual:\n      - conv1d: { filters: 4, kernel: 3, padding: same, dilation: 2 }\n      - conv1d: { filters: 4, kernel: 1 }",
        "residual_0 (Residual(Conv1d, Conv1d)) | [B, time, 4] | 72", "72",
        "__residual_0_conv1d_0 = global::TorchSharp.torch.nn.Conv1d(4, 4, 3, padding: 2, dilation: 2);\n__residual_0_conv1d_1 = global::TorchSharp.torch.nn.Conv1d(4, 4, 1);")]
    // Width 4 → 6: conv 4·6·3 + 6 = 78 and the projection 4·6 + 6 = 30.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 4] }\nlayers:\n  - residual: { layers: [ { conv1d: { filters: 6, kernel: 3, padding: same } } ], activation: relu, name: widen }",
        "widen (Residual(Conv1d + Linear projection)) | [B, time, 6] | 108", "108",
        "__widen_conv1d_0 = global::TorchSharp.torch.nn.Conv1d(4, 6, 3, padding: 1);\n__widen_projection = global::TorchSharp.torch.nn.Linear(4, 6);")]
    // Images: channels 2 → 3 get a 1×1 conv2d projection, 2·3 + 3 = 9, beside the conv 2·3·9 + 3 = 57.
    [InlineData("input: { shape: [2, 5, 5] }\nlayers:\n  - residual: [ { conv2d: { filters: 3, kernel: 3, padding: same } } ]",
        "residual_0 (Residual(Conv2d + Conv2d projection)) | [B, 3, 5, 5] | 66", "66",
        "__residual_0_conv2d_0 = global::TorchSharp.torch.nn.Conv2d(2, 3, 3, padding: 1);\n__residual_0_projection = global::TorchSharp.torch.nn.Conv2d(2, 3, 1);")]
    // Clips: channels 2 → 3 get a 1×1×1 conv3d projection, 2·3 + 3 = 9, beside the conv 2·3·27 + 3 = 165.
    [InlineData("input: { shape: [2, 4, 5, 5] }\nlayers:\n  - residual: [ { conv3d: { filters: 3, kernel: 3, padding: same } } ]",
        "residual_0 (Residual(Conv3d + Conv3d projection)) | [B, 3, 4, 5, 5] | 174", "174",
        "__residual_0_conv3d_0 = global::TorchSharp.torch.nn.Conv3d(2, 3, 3, padding: 1);\n__residual_0_projection = global::TorchSharp.torch.nn.Conv3d(2, 3, 1);")]
    // A fixed-length sequence widens its last axis (the features), not its first: 4·6 + 6 = 30 twice.
    [InlineData("kind: seq2seq\ninput: { shape: [5, 4] }\nlayers:\n  - residual: [ { time_distributed: { dense: { units: 6 } } } ]",
        "residual_0 (Residual(TimeDistributed(Linear) + Linear projection)) | [B, 5, 6] | 60", "60",
        "__residual_0_dense_0 = global::TorchSharp.torch.nn.Linear(4, 6);\n__residual_0_projection = global::TorchSharp.torch.nn.Linear(4, 6);")]
    // Nested blocks, a recurrent layer returning sequences inside: gru 3·3·(3+3+2) = 72; inner dense 3·2 + 2 = 8 with
    // its projection 3·2 + 2 = 8; the outer projection 3·2 + 2 = 8.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 3] }\nlayers:\n  - residual:\n      - gru: { units: 3 }\n      - residual: [ { time_distributed: { dense: { units: 2 } } } ]",
        "residual_0 (Residual(GRU, Residual(TimeDistributed(Linear) + Linear projection) + Linear projection)) | [B, time, 2] | 96", "96",
        "__residual_0_gru_0 = global::TorchSharp.torch.nn.GRU(3, 3, batchFirst: true);\n__residual_0_residual_0_dense_0 = global::TorchSharp.torch.nn.Linear(3, 2);\n__residual_0_residual_0_projection = global::TorchSharp.torch.nn.Linear(3, 2);\n__residual_0_projection = global::TorchSharp.torch.nn.Linear(3, 2);")]
    // An option that sets the width keeps it equal to itself: no projection, 8·8 + 8 = 72 at the default.
    [InlineData("options: { hidden: 8 }\ninput: { shape: [8] }\nlayers:\n  - dense: { units: $hidden }\n  - residual: [ { dense: { units: $hidden } } ]",
        "dense_0 (Linear) | [B, 8] | 72\nresidual_0 (Residual(Linear)) | [B, 8] | 72", "144",
        "__dense_0 = global::TorchSharp.torch.nn.Linear(8, options.Hidden);\n__residual_0_dense_0 = global::TorchSharp.torch.nn.Linear(options.Hidden, options.Hidden);")]
    public void BlockHasItsRowCountAndFields(string body, string rows, string total, string constructions)
    {
        GeneratorRun run = NetSpec.Generate(body);

        NetSpec.Rows(run).ShouldBe(rows.Split('\n'));
        NetSpec.Total(run).ShouldBe(total);
        NetSpec.Constructions(run).ShouldBe(constructions.Split('\n'));
    }

    [Fact]
    public void ForwardKeepsTheShortcutInTheLayoutOfTheConvolutionsAndAddsItsProjection()
    {
        GeneratorRun run = NetSpec.Generate("kind: seq2seq\ninput: { shape: [time, 4] }\nlayers:\n  - conv1d: { filters: 4, kernel: 1 }\n  - residual: { layers: [ { conv1d: { filters: 6, kernel: 3, padding: same } } ], activation: relu }");

        NetSpec.Body(run, " forward(").ShouldBe(
        [
            "var x = input; // [B, time, 4]",
            "x = x.transpose(1, 2); // [B, 4, time]",
            "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
            "x = __conv1d_0.forward(x); // [B, 4, time]",
            "var shortcut0 = x; // [B, 4, time]",
            "x = SequenceOps.MaskTime(x, lengths, timeDim: 2);",
            "x = __residual_0_conv1d_0.forward(x); // [B, 6, time]",
            "x = x + __residual_0_projection.forward(shortcut0.transpose(1, 2)).transpose(1, 2); // [B, 6, time]",
            "x = x.relu(); // [B, 6, time]",
            "x = x.transpose(1, 2); // [B, time, 6]",
            "return x;",
        ]);
        NetSpec.Body(run, " ToOnnx(").Where(l => l.Contains("shortcut0", System.StringComparison.Ordinal)).ShouldBe(
        [
            "var shortcut0 = x; // [B, 4, time]",
            "x = onnx.Add(x, onnx.Transpose(onnx.Linear(this.__residual_0_projection, onnx.Transpose(shortcut0, 0, 2, 1)), 0, 2, 1)); // [B, 6, time]",
        ]);
    }

    [Theory]
    // A sequence kept channels-last (a per-step dense): the projection reads the shortcut as it is.
    [InlineData("kind: seq2seq\ninput: { shape: [time, 3] }\nlayers:\n  - residual: [ { time_distributed: { dense: { units: 2 } } } ]",
        "x = x + __residual_0_projection.forward(shortcut0); // [B, time, 2]",
        "x = onnx.Add(x, onnx.Linear(this.__residual_0_projection, shortcut0)); // [B, time, 2]")]
    // Images are channels-first already: a 1×1 convolution of the shortcut, no transposes.
    [InlineData("input: { shape: [2, 5, 5] }\nlayers:\n  - residual: [ { conv2d: { filters: 3, kernel: 3, padding: same } } ]",
        "x = x + __residual_0_projection.forward(shortcut0); // [B, 3, 5, 5]",
        "x = onnx.Add(x, onnx.Conv(this.__residual_0_projection, shortcut0)); // [B, 3, 5, 5]")]
    public void TheProjectionReadsTheShortcutInItsLayout(string body, string forward, string onnx)
    {
        GeneratorRun run = NetSpec.Generate(body);

        NetSpec.Body(run, " forward(").Where(l => l.Contains("shortcut0)", System.StringComparison.Ordinal)).ShouldBe([forward]);
        NetSpec.Body(run, " ToOnnx(").Where(l => l.Contains("shortcut0)", System.StringComparison.Ordinal)).ShouldBe([onnx]);
    }

    [Fact]
    public void AttributeFormWritesTheMappingAndGeneratesWhatTheYamlDoes()
    {
        const string Source = """
            namespace App
            {
                [QuickDrawDsl.Model(QuickDrawDsl.ModelKind.Seq2Seq)]
                [QuickDrawDsl.ModelInput("x", "time", 4)]
                [QuickDrawDsl.Layer("residual", "layers: [ { conv1d: { filters: 6, kernel: 3, padding: same } } ], activation: relu")]
                public partial class Net { }
            }
            """;
        string[] attributes = [Source, .. Directory.GetFiles(Path.Combine(RepoFiles.Root(), "Runtime", "Attributes"), "*.cs").OrderBy(f => f, System.StringComparer.Ordinal).Select(File.ReadAllText)];
        GeneratorRun attribute = GeneratorRun.Of(attributes);
        attribute.Messages.ShouldBeEmpty();
        GeneratorRun yaml = NetSpec.Generate("kind: seq2seq\ninput: { name: x, shape: [time, 4] }\nlayers:\n  - residual: { layers: [ { conv1d: { filters: 6, kernel: 3, padding: same } } ], activation: relu }");
        NetSpec.Rows(attribute).ShouldBe(NetSpec.Rows(yaml));
        NetSpec.Body(attribute, " forward(").ShouldBe(NetSpec.Body(yaml, " forward("));
        NetSpec.Body(attribute, " ToOnnx(").Where(l => !l.Contains("DocString", System.StringComparison.Ordinal))
            .ShouldBe(NetSpec.Body(yaml, " ToOnnx(").Where(l => !l.Contains("DocString", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("kind: seq2seq\ninput: { shape: [time, 3] }\nlayers:\n  - residual:\n      - conv1d: { filters: 3, kernel: 3, stride: 2, padding: same }",
        "(6,9): error QD0114: Residual block 'residual_0': layer 'residual_0_conv1d_0' (conv1d) changes the time axis from [time, 3] to [ceil(time/2), 3]; the block's output is added to its input, so its layers must keep that axis: use stride 1 with padding: same (or causal), and pool after the block")]
    [InlineData("kind: seq2vec\ninput: { shape: [time, 3] }\nlayers:\n  - residual:\n      - lstm: { units: 3, return_sequences: false }",
        "(6,9): error QD0114: Residual block 'residual_0': layer 'residual_0_lstm_0' (lstm) changes the rank from [time, 3] to [3]; the block's output is added to its input, so its layers must keep the rank; reduce or flatten after the block")]
    [InlineData("input: { shape: [2, 6, 6] }\nlayers:\n  - residual:\n      - conv2d: { filters: 2, kernel: 3 }",
        "(5,9): error QD0114: Residual block 'residual_0': layer 'residual_0_conv2d_0' (conv2d) changes the height axis from [2, 6, 6] to [2, 4, 4]")]
    [InlineData("input: { shape: [time, 1, 4, 4] }\nlayers:\n  - time_distributed: { conv2d: { filters: 1, kernel: 3, padding: same } }\n  - residual: [ { time_distributed: { conv2d: { filters: 2, kernel: 1 } } } ]\n    name: frames",
        "(5,5): error QD0114: Residual block 'frames': layer 'frames_conv2d_0' (time_distributed) changes the channels of each frame from [time, 1, 4, 4] to [time, 2, 4, 4]; a sequence of images gets no projection; make the block's last layer keep 1 channels")]
    // An inner layer that cannot take its input is its own one diagnostic; the block adds none.
    [InlineData("kind: seq2seq\ninput: { shape: [3, 4] }\nlayers:\n  - residual: [ { conv1d: { filters: 4, kernel: 5 } } ]",
        "(5,49): error QD0102: Layer 'residual_0_conv1d_0': kernel 5 is larger than the input length 3 on axis 'time'; use a smaller kernel or padding: same")]
    // A sequence of images: the frame's axes are named after the time axis.
    [InlineData("input: { shape: [time, 1, 4, 4] }\nlayers:\n  - time_distributed: { conv2d: { filters: 1, kernel: 1 } }\n  - residual: [ { time_distributed: { conv2d: { filters: 1, kernel: 3, stride: 2, padding: same } } } ]",
        "changes the height axis from [time, 1, 4, 4] to [time, 1, 2, 2]; the block's output is added to its input, so its layers must keep that axis")]
    [InlineData("kind: vec2seq\ninput: { shape: [4] }\noutput: { shape: [3, 1] }\nlayers:\n  - dense: { units: 4 }\ndecoder:\n  cell: gru\n  units: 4\n  head: [ { residual: [ { dense: { units: 1 } } ] } ]",
        "error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': a residual block belongs in 'layers:' or in another residual block")]
    [InlineData("input: { shape: [time, 3] }\nlayers:\n  - time_distributed: { residual: [ { dense: { units: 3 } } ] }",
        "error QD0009: A layer entry must be a mapping with one layer type, e.g. '- dense: { units: 10 }': a residual block belongs in 'layers:'")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - residual: []", "(4,15): error QD0008: 'residual.layers' has invalid value '[]': give the block at least one layer")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - residual: { activation: relu }", "(4,5): error QD0003: layer 'residual' is missing required field 'layers'")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - residual: { layers: [ { dense: { units: 4 } } ], activaton: relu }", "error QD0002: Unknown key 'activaton' in layer 'residual'; did you mean 'activation'?")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - residual: dense", "(4,15): error QD0004: 'residual' must be a list of layers")]
    [InlineData("input: { shape: [4] }\nlayers:\n  - residual: [ { dense: { units: 2 } } ]\n  - dense: { units: 2, name: residual_0_projection }", "error QD0007: Layer name 'residual_0_projection' is used twice")]
    public void MistakeIsOneLocatedDiagnostic(string body, string message)
    {
        GeneratorRun run = NetSpec.Run(body);

        run.Sources.ShouldBeEmpty();
        string[] messages = run.Messages.ToArray();
        messages.Length.ShouldBe(1, string.Join("\n", messages));
        messages[0].ShouldContain(message, Case.Sensitive);
    }
}
