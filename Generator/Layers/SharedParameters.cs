using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>The parameter vocabulary several families share: activations and padding modes.</summary>
internal static class SharedParameters
{
    public static readonly string[] Activations = ["relu", "tanh", "sigmoid", "gelu", "softmax", "log_softmax", "leaky_relu", "elu", "silu"];

    public static readonly string[] Paddings = ["valid", "same"];

    /// <summary>The padding modes of conv1d: causal pads only the past, so step t never sees a later step (WaveNet).</summary>
    public static readonly string[] SequencePaddings = ["valid", "same", "causal"];

    /// <summary>The optional activation after a layer.</summary>
    public static readonly ParamDefinition Activation = new("activation", ParamType.Choice, null, "Activation applied after the layer.", choices: Activations);
}
