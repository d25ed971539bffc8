using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Layers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// The registry of layer families (<see cref="LayerFamily"/>, one per file in <c>Layers/</c>): every layer type and
/// parameter the DSL accepts. The parser validates against it and docs/spec-reference.md documents it.
/// </summary>
internal static class LayerCatalog
{
    /// <summary>Every family, in the order the catalog lists their types.</summary>
    public static readonly IReadOnlyList<LayerFamily> Families =
    [
        new DenseFamily(),
        new DropoutFamily(),
        new ActivationFamily(),
        new BatchNormFamily(),
        new LayerNormFamily(),
        new EmbeddingFamily(),
        new ConvolutionFamily(),
        new PoolingFamily(),
        new GlobalPoolingFamily(),
        new FlattenFamily(),
        new RecurrentFamily(),
        new TimeDistributedFamily(),
        new RepeatVectorFamily(),
        new ResidualFamily(),
    ];

    public static string[] Activations => SharedParameters.Activations;

    public static string[] SequencePaddings => SharedParameters.SequencePaddings;

    /// <summary>The parameters of <c>decoder:</c> other than <c>head</c>.</summary>
    public static readonly ParamDefinition[] DecoderParameters =
    [
        new("cell", ParamType.Choice, null, "Decoder cell.", required: true, choices: RecurrentFamily.Cells),
        new("units", ParamType.Int, null, "Hidden size.", required: true, allowsOption: true),
        new("num_layers", ParamType.Int, "1", "Stacked layers."),
        new("steps", ParamType.Int, null, "Output length."),
    ];

    private static readonly Dictionary<string, LayerDefinition> ByType = Families.SelectMany(f => f.Definitions).ToDictionary(d => d.Type);

    private static readonly Dictionary<string, LayerFamily> FamilyByType = Families.SelectMany(f => f.Definitions.Select(d => (d.Type, Family: f))).ToDictionary(p => p.Type, p => p.Family);

    public static IEnumerable<LayerDefinition> All => Families.SelectMany(f => f.Definitions);

    public static IEnumerable<string> Types => All.Select(d => d.Type);

    public static LayerDefinition? Find(string type) => ByType.TryGetValue(type, out LayerDefinition? d) ? d : null;

    /// <summary>The family of a catalog type; the parser has refused any other type before this is asked.</summary>
    public static LayerFamily Family(string type) => FamilyByType[type];

    public static bool IsRecurrent(string type) => FamilyByType.TryGetValue(type, out LayerFamily? f) && f is RecurrentFamily;
}
