using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Generator.Model;

/// <summary>Every layer type and parameter the DSL accepts. The parser validates against it and docs/spec-reference.md documents it.</summary>
internal static class LayerCatalog
{
    public static readonly string[] Activations = ["relu", "tanh", "sigmoid", "gelu", "softmax", "log_softmax", "leaky_relu", "elu", "silu"];

    public static readonly string[] Paddings = ["valid", "same"];

    /// <summary>The padding modes of conv1d: causal pads only the past, so step t never sees a later step (WaveNet).</summary>
    public static readonly string[] SequencePaddings = ["valid", "same", "causal"];

    public static readonly string[] RecurrentTypes = ["lstm", "gru", "rnn"];

    private static readonly ParamDefinition Activation = new("activation", ParamType.Choice, null, "Activation applied after the layer.", choices: Activations);

    private static readonly LayerDefinition[] Definitions =
    [
        new("dense", "Linear", "Fully connected layer on a vector.",
            new ParamDefinition("units", ParamType.Int, null, "Output features.", required: true, allowsOption: true),
            new ParamDefinition("bias", ParamType.Bool, "true", "Whether to learn a bias."),
            Activation),
        new("dropout", "Dropout", "Randomly zeroes inputs during training; the rate is an option of the generated options record.",
            new ParamDefinition("rate", ParamType.Float, "0.5", "Probability of zeroing an element.", allowsOption: true)),
        new("activation", string.Empty, "An activation function on its own.",
            new ParamDefinition("fn", ParamType.Choice, null, "The function.", required: true, choices: Activations)),
        new("batchnorm", "BatchNorm", "Batch normalisation over features/channels (1d, 2d or 3d from the input's rank).",
            new ParamDefinition("momentum", ParamType.Float, "0.1", "Running-statistics momentum (PyTorch convention: new = (1 - m) * old + m * batch)."),
            new ParamDefinition("eps", ParamType.Float, "1e-05", "Added to the variance.")),
        new("layernorm", "LayerNorm", "Layer normalisation over the last (feature) axis.",
            new ParamDefinition("eps", ParamType.Float, "1e-05", "Added to the variance.")),
        new("embedding", "Embedding", "Token ids [time] to vectors [time, dim]; the input must have dtype int64.",
            new ParamDefinition("vocab", ParamType.Int, null, "Number of distinct token ids.", required: true),
            new ParamDefinition("dim", ParamType.Int, null, "Vector size.", required: true, allowsOption: true),
            new ParamDefinition("padding_idx", ParamType.Int, null, "Token id whose vector stays zero.")),
        Conv("conv1d", "Conv1d", "1D convolution over time of a sequence [time, channels] (the transposes to PyTorch's [B, C, T] are generated).", SequencePaddings,
            "valid: no padding; same: output length ceil(input / stride), padded dilation × (kernel - 1) in total, the extra one on the right for even kernels; causal: all of it on the left, so step t sees only steps up to t; a whole number: that many zeros on each side."),
        Conv("conv2d", "Conv2d", "2D convolution of an image [channels, height, width].", Paddings, SpatialPadding),
        Conv("conv3d", "Conv3d", "3D convolution of a clip [channels, frames, height, width].", Paddings, SpatialPadding),
        Pool("maxpool", "MaxPool", "Max pooling (1d over time, 2d, or 3d from the input's rank)."),
        Pool("avgpool", "AvgPool", "Average pooling (1d over time, 2d, or 3d from the input's rank)."),
        new("global_avgpool", string.Empty, "Mean over time (sequences, masked by lengths) or over all spatial axes (images, clips)."),
        new("global_maxpool", string.Empty, "Max over time (sequences, masked by lengths) or over all spatial axes (images, clips)."),
        new("flatten", string.Empty, "Flattens all axes into a vector; every axis must have a fixed size."),
        Recurrent("lstm", "LSTM", "Long short-term memory layer(s) over a sequence [time, features]."),
        Recurrent("gru", "GRU", "Gated recurrent unit layer(s) over a sequence [time, features]."),
        Recurrent("rnn", "RNN", "Simple (Elman) recurrent layer(s) over a sequence [time, features].",
            new ParamDefinition("nonlinearity", ParamType.Choice, "tanh", "Cell activation.", choices: ["tanh", "relu"])),
        new("time_distributed", string.Empty, "Applies the wrapped layer to every time step: '- time_distributed: { dense: { units: 7 } }'."),
        new("repeat_vector", string.Empty, "Repeats a vector n times into a sequence [n, features].",
            new ParamDefinition("n", ParamType.Int, null, "Number of steps; defaults to the output's length.")),
    ];

    /// <summary>The parameters of <c>decoder:</c> other than <c>head</c>.</summary>
    public static readonly ParamDefinition[] DecoderParameters =
    [
        new("cell", ParamType.Choice, null, "Decoder cell.", required: true, choices: RecurrentTypes),
        new("units", ParamType.Int, null, "Hidden size.", required: true, allowsOption: true),
        new("num_layers", ParamType.Int, "1", "Stacked layers."),
        new("steps", ParamType.Int, null, "Output length."),
    ];

    private static readonly Dictionary<string, LayerDefinition> ByType = Definitions.ToDictionary(d => d.Type);

    public static IEnumerable<LayerDefinition> All => Definitions;

    public static IEnumerable<string> Types => Definitions.Select(d => d.Type);

    public static LayerDefinition? Find(string type) => ByType.TryGetValue(type, out LayerDefinition? d) ? d : null;

    public static bool IsRecurrent(string type) => type is "lstm" or "gru" or "rnn";

    private const string SpatialPadding =
        "valid: no padding; same: output length ceil(input / stride), padded dilation × (kernel - 1) in total, the extra one on the right for even kernels; a whole number (or one per spatial axis): that many zeros on each side.";

    private static LayerDefinition Conv(string type, string torch, string description, string[] paddings, string paddingDescription) =>
        new(type, torch, description,
            new ParamDefinition("filters", ParamType.Int, null, "Output channels.", required: true, allowsOption: true),
            new ParamDefinition("kernel", ParamType.IntOrList, null, "Kernel size (one value, or one per spatial axis).", required: true),
            new ParamDefinition("stride", ParamType.IntOrList, "1", "Stride."),
            new ParamDefinition("padding", ParamType.Padding, "valid", paddingDescription, choices: paddings),
            new ParamDefinition("dilation", ParamType.Int, "1", "Spacing between kernel elements."),
            new ParamDefinition("bias", ParamType.Bool, "true", "Whether to learn a bias."),
            Activation);

    private static LayerDefinition Pool(string type, string torch, string description) =>
        new(type, torch, description,
            new ParamDefinition("size", ParamType.IntOrList, "2", "Window size."),
            new ParamDefinition("stride", ParamType.IntOrList, null, "Stride; defaults to the window size."),
            new ParamDefinition("padding", ParamType.Choice, "valid", "valid: drop the incomplete last window; same: keep it (output ceil(input / stride); needs stride = size).", choices: Paddings));

    private static LayerDefinition Recurrent(string type, string torch, string description, params ParamDefinition[] extra) =>
        new(type, torch, description,
            new ParamDefinition[]
            {
                new("units", ParamType.Int, null, "Hidden size (per direction).", required: true, allowsOption: true),
                new("return_sequences", ParamType.Bool, null, "Output every step [time, units] instead of the last state [units]. Default: true when another recurrent layer follows or in a seq2seq model, false otherwise."),
                new("num_layers", ParamType.Int, "1", "Stacked layers inside this module."),
                new("bidirectional", ParamType.Bool, "false", "Run forward and backward; the output has 2 x units features."),
                new("dropout", ParamType.Float, "0", "Dropout between the stacked layers (num_layers > 1).", allowsOption: true),
            }.Concat(extra).ToArray());
}
