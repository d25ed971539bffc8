using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>conv1d</c> over the time of a sequence, <c>conv2d</c> over an image, <c>conv3d</c> over a clip.</summary>
internal sealed class ConvolutionFamily : LayerFamily
{
    private const string SpatialPadding =
        "valid: no padding; same: output length ceil(input / stride), padded dilation × (kernel - 1) in total, the extra one on the right for even kernels; a whole number (or one per spatial axis): that many zeros on each side.";

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        Conv("conv1d", "1D convolution over time of a sequence [time, channels] (the transposes to PyTorch's [B, C, T] are generated).", SharedParameters.SequencePaddings,
            "valid: no padding; same: output length ceil(input / stride), padded dilation × (kernel - 1) in total, the extra one on the right for even kernels; causal: all of it on the left, so step t sees only steps up to t; a whole number: that many zeros on each side."),
        Conv("conv2d", "2D convolution of an image [channels, height, width].", SharedParameters.Paddings, SpatialPadding),
        Conv("conv3d", "3D convolution of a clip [channels, frames, height, width].", SharedParameters.Paddings, SpatialPadding),
    ];

    private static LayerDefinition Conv(string type, string description, string[] paddings, string paddingDescription) =>
        new(type, description,
            new ParamDefinition("filters", ParamType.Int, null, "Output channels.", required: true, allowsOption: true),
            new ParamDefinition("kernel", ParamType.IntOrList, null, "Kernel size (one value, or one per spatial axis).", required: true),
            new ParamDefinition("stride", ParamType.IntOrList, "1", "Stride."),
            new ParamDefinition("padding", ParamType.Padding, "valid", paddingDescription, choices: paddings),
            new ParamDefinition("dilation", ParamType.Int, "1", "Spacing between kernel elements."),
            new ParamDefinition("bias", ParamType.Bool, "true", "Whether to learn a bias."),
            SharedParameters.Activation);
}
