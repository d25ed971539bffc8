using System.Collections.Generic;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>embedding</c>: token ids [time] to vectors [time, dim]; only as the first layer of an int64 input.</summary>
internal sealed class EmbeddingFamily : LayerFamily
{
    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("embedding", "Token ids [time] to vectors [time, dim]; the input must have dtype int64.",
            new ParamDefinition("vocab", ParamType.Int, null, "Number of distinct token ids.", required: true),
            new ParamDefinition("dim", ParamType.Int, null, "Vector size.", required: true, allowsOption: true),
            new ParamDefinition("padding_idx", ParamType.Int, null, "Token id whose vector stays zero.")),
    ];
}
