using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>lstm</c>, <c>gru</c> and <c>rnn</c>: recurrent layers over a sequence [time, features], run through RecurrentOps.</summary>
internal sealed class RecurrentFamily : LayerFamily
{
    /// <summary>The recurrent cells, also the choices of <c>decoder.cell</c>.</summary>
    public static readonly string[] Cells = ["lstm", "gru", "rnn"];

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        Recurrent("lstm", "Long short-term memory layer(s) over a sequence [time, features]."),
        Recurrent("gru", "Gated recurrent unit layer(s) over a sequence [time, features]."),
        Recurrent("rnn", "Simple (Elman) recurrent layer(s) over a sequence [time, features].",
            new ParamDefinition("nonlinearity", ParamType.Choice, "tanh", "Cell activation.", choices: ["tanh", "relu"])),
    ];

    private static LayerDefinition Recurrent(string type, string description, params ParamDefinition[] extra) =>
        new(type, description,
            new ParamDefinition[]
            {
                new("units", ParamType.Int, null, "Hidden size (per direction).", required: true, allowsOption: true),
                new("return_sequences", ParamType.Bool, null, "Output every step [time, units] instead of the last state [units]. Default: true when another recurrent layer follows or in a seq2seq model, false otherwise."),
                new("num_layers", ParamType.Int, "1", "Stacked layers inside this module."),
                new("bidirectional", ParamType.Bool, "false", "Run forward and backward; the output has 2 x units features."),
                new("dropout", ParamType.Float, "0", "Dropout between the stacked layers (num_layers > 1).", allowsOption: true),
            }.Concat(extra).ToArray());
}
