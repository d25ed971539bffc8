using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Emit;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>lstm</c>, <c>gru</c> and <c>rnn</c>: recurrent layers over a sequence [time, features], run through RecurrentOps.</summary>
internal sealed class RecurrentFamily : LayerFamily
{
    public override int CatalogPosition => 1100;

    /// <summary>The recurrent cells, also the choices of <c>decoder.cell</c>.</summary>
    public static readonly string[] Cells = ["lstm", "gru", "rnn"];

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        Recurrent("lstm", "Long short-term memory layer(s) over a sequence [time, features]."),
        Recurrent("gru", "Gated recurrent unit layer(s) over a sequence [time, features]."),
        Recurrent("rnn", "Simple (Elman) recurrent layer(s) over a sequence [time, features].",
            new ParamDefinition("nonlinearity", ParamType.Choice, "tanh", "Cell activation.", choices: ["tanh", "relu"])),
    ];

    public override bool RunsPerStep => false;

    /// <summary>The gates of a cell: the weight matrices each layer and direction holds.</summary>
    public static long Gates(string cell) => cell switch { "lstm" => 4, "gru" => 3, _ => 1 };

    public override OptionProperty? OwnOption(LayerSpec layer)
    {
        if ((layer.Find("num_layers")?.Value.Int ?? 1) <= 1 || layer.Find("dropout")?.Value.OptionRef is not null)
        {
            return null;
        }

        ParamValue rate = layer.Find("dropout")?.Value ?? ParamValue.OfFloat(0, "0");
        return new OptionProperty(
            GeneratedNames.RateProperty(layer.Name, dropoutLayer: false),
            false,
            rate,
            $"the dropout of layer '{layer.Name}'",
            $"Dropout between the stacked layers of '{layer.Name}' (default {Invariant.Literal(rate.Float)}).",
            layer.Location,
            [new OptionUse(layer.Name + ".dropout", ParamRule.Rate)]);
    }

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        ModelSpec spec = context.Spec;
        if (shape.Count != 2)
        {
            LayerPlan? lastRecurrent = position.Previous.LastOrDefault(p => p.Settings is RecurrentSettings);
            string hint = shape.Count == 1 && lastRecurrent is { Settings: RecurrentSettings { ReturnSequences: false } } && position.Previous.Last() == lastRecurrent
                ? $"; set return_sequences: true on '{lastRecurrent.Name}'"
                : string.Empty;
            context.Report(DiagnosticDescriptors.RecurrentNeedsSequence, layer.Location, layer.Name, layer.Type, Show(shape), hint);
            return null;
        }

        LayerParam? explicitReturn = layer.Find("return_sequences");
        bool defaultReturn = (spec.Kind == ModelKind.Seq2Seq && spec.Decoder is null) || position.RecurrentFollows;
        bool returnSequences = explicitReturn?.Value.Bool ?? defaultReturn;
        if (spec.Kind == ModelKind.Seq2Seq && spec.Decoder is null && explicitReturn is { Value.Bool: false })
        {
            context.Report(DiagnosticDescriptors.ReturnSequencesConflict, explicitReturn.Location, layer.Name,
                "an aligned seq2seq model keeps the time axis through every recurrent layer; remove 'return_sequences: false'");
            return null;
        }

        Dim units = SizeParam(layer, "units");
        long numLayers = layer.Find("num_layers")?.Value.Int ?? 1;
        bool bidirectional = Bool(layer, "bidirectional", false);
        LayerParam? dropout = layer.Find("dropout");
        if (dropout is { Value.Float: > 0 } && numLayers == 1 && dropout.Value.OptionRef is null)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, dropout.Location, layer.Type + ".dropout", dropout.Value.Text,
                "recurrent dropout applies between stacked layers; set num_layers > 1, or add a 'dropout' layer after this one");
            return null;
        }

        long gates = Gates(layer.Type);
        long directions = bidirectional ? 2 : 1;
        long h = units.Size;
        long parameters = 0;
        for (long l = 0; l < numLayers; l++)
        {
            long input = l == 0 ? shape[1].Size : h * directions;
            parameters += directions * gates * h * (input + h + 2);
        }

        Dim outFeatures = DimMath.Times(units, directions);
        var settings = new RecurrentSettings(shape[1], units, returnSequences, bidirectional, numLayers, dropout?.Value.OptionRef, layer.Type == "rnn" ? Text(layer, "nonlinearity") ?? "tanh" : null);
        List<Dim> outShape = returnSequences ? [shape[0], outFeatures] : [outFeatures];
        return Plan(layer, shape, outShape, parameters, settings);
    }

    /// <summary>The TorchSharp module of a cell.</summary>
    public static string ModuleType(string cell) => cell switch { "lstm" => "LSTM", "gru" => "GRU", _ => "RNN" };

    public override string FieldType(LayerPlan layer) => ModuleType(layer.Type);

    public override string Construct(LayerPlan layer)
    {
        var s = (RecurrentSettings)layer.Settings;
        string nn = TypeNames.Nn;
        var args = new List<string> { s.InFeatures.Code, s.Units.Code };
        if (s.NumLayers != 1)
        {
            args.Add("numLayers: " + Invariant.Of(s.NumLayers));
        }

        if (s.Nonlinearity == "relu")
        {
            args.Add($"nonLinearity: {nn}.NonLinearities.ReLU");
        }

        args.Add("batchFirst: true");
        if (s.NumLayers > 1)
        {
            string rate = s.RateOption is { } option ? GeneratedNames.OptionProperty(option) : GeneratedNames.RateProperty(layer.Name, dropoutLayer: false);
            args.Add("dropout: options." + rate);
        }

        if (s.Bidirectional)
        {
            args.Add("bidirectional: true");
        }

        return $"{nn}.{FieldType(layer)}({string.Join(", ", args)})";
    }

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.ChannelsLast(layer.InShape);
        planner.Op(layer);
        if (((RecurrentSettings)layer.Settings).ReturnSequences)
        {
            planner.State.Dirty = false;
        }
        else
        {
            planner.State.HasLengths = false;
        }
    }

    public override void WriteTorchSharp(StepWriter w, LayerStep step)
    {
        var s = (RecurrentSettings)step.Layer.Settings;
        string field = GeneratedNames.Field(step.Layer.Name);
        w.Line(s.ReturnSequences
            ? $"x = {TypeNames.RecurrentOps}.Sequence({field}, x, {step.Lengths});"
            : $"x = {TypeNames.RecurrentOps}.LastState({field}, x, {step.Lengths}, bidirectional: {(s.Bidirectional ? "true" : "false")});", step.Comment);
    }

    public override void WriteOnnx(StepWriter w, LayerStep step)
    {
        var s = (RecurrentSettings)step.Layer.Settings;
        string lengths = step.HasLengths ? ", lengths: onnx.PackedLengths(x, lengths)" : string.Empty;
        string field = GeneratedNames.Field(step.Layer.Name);
        string call = step.Layer.Type switch
        {
            "lstm" => $"onnx.Lstm(this.{field}, x, batchFirst: true{lengths})",
            "gru" => $"onnx.Gru(this.{field}, x, batchFirst: true{lengths})",
            _ => $"onnx.Rnn(this.{field}, x, batchFirst: true, nonLinearity: {TypeNames.Nn}.NonLinearities.{(s.Nonlinearity == "relu" ? "ReLU" : "Tanh")}{lengths})",
        };
        if (s.ReturnSequences)
        {
            w.Line($"x = {call}.Output;", step.Comment);
            return;
        }

        string result = w.Locals.Declare(step.Layer.Name + "_result");
        long states = s.NumLayers * (s.Bidirectional ? 2 : 1);
        w.Line($"var {result} = {call};", $"h_n [{Invariant.Of(states)}, {step.Batch}, {s.Units.Text}]");
        w.Line($"x = onnx.TopLayerState({result}.Hidden, bidirectional: {(s.Bidirectional ? "true" : "false")});", step.Comment);
    }

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
