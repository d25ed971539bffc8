using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Writes the TorchSharp module of a <see cref="ModelPlan"/>: fields, constructor, forward, ONNX export (<see cref="OnnxEmitter"/>), summary.</summary>
internal static partial class ModuleEmitter
{
    private const int CommentColumn = 56;
    private const string GeneratorName = "QuickDrawDsl.Generator";
    private const string GeneratorVersion = "0.1.0";

    public static string EmitModule(ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        var w = new SourceWriter();
        WriteHeader(w, spec, export: true);
        string summary = SummaryTable.Render(plan);

        WriteClassDocs(w, plan, summary);
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratorName}\", \"{GeneratorVersion}\")]");
        string modifiers = spec.FromAttribute ? spec.Accessibility + " partial" : spec.Accessibility + " sealed partial";
        string interfaces = "IGeneratedModel" + (plan.AcceptsLengths ? ", ISequenceModel" : string.Empty) + (plan.Decoder is not null ? ", ITeacherForcedModel" : string.Empty);
        w.Block($"{modifiers} class {spec.Name} : nn.Module<Tensor, Tensor>, {interfaces}");

        w.Line("/// <summary>Trainable parameters with the default options, counted by the generator (equals the element count of <c>parameters()</c>).</summary>");
        w.Line($"public const long ParameterCount = {Invariant.Of(plan.ParameterCount)};");
        w.Line();
        w.Line("/// <summary>The spec as data: name, kind, shapes, labels and the layer table.</summary>");
        w.Line($"public static ModelInfo Info {{ get; }} = {ModelInfoLiteral(plan)};");
        w.Line();
        w.Line("ModelInfo IGeneratedModel.Info => Info;");
        w.Line();
        w.Line("/// <summary>The options this instance was built with.</summary>");
        w.Line($"public {spec.Name}Options Options {{ get; }}");
        w.Line();

        foreach (LayerPlan layer in AllModuleLayers(plan))
        {
            w.Line($"private readonly {FieldType(layer)} {layer.Name};");
        }

        if (plan.Decoder is { } decoderPlan)
        {
            w.Line($"private readonly {RecurrentType(decoderPlan.Cell)} decoder;");
        }

        w.Line();
        WriteConstructors(w, plan);
        WriteForward(w, plan);
        OnnxEmitter.WriteExport(w, plan);

        w.Line("/// <summary>A Keras-style table of the layers, their output shapes and parameter counts.</summary>");
        w.Line("/// <returns>The table, one layer per line, with the total at the end.</returns>");
        w.Line("public static string Summary() => SummaryText;");
        w.Line();
        w.Line($"private const string SummaryText ={(summary.Length > 0 ? string.Empty : " \"\";")}");
        string[] lines = summary.TrimEnd('\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string suffix = i == lines.Length - 1 ? "\\n\";" : "\\n\" +";
            w.Line("    \"" + lines[i].Replace("\\", "\\\\").Replace("\"", "\\\"") + suffix);
        }

        w.Close();
        return w.ToString();
    }

    public static string EmitOptions(ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        var w = new SourceWriter();
        WriteHeader(w, spec, export: false);
        w.Line($"/// <summary>Hyperparameters of <see cref=\"{spec.Name}\"/> that the spec leaves open; the defaults are the spec's values.</summary>");
        w.Line($"/// <remarks><see cref=\"{spec.Name}.ParameterCount\"/> and the shape comments are for these defaults.</remarks>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratorName}\", \"{GeneratorVersion}\")]");
        w.Block($"{spec.Accessibility} sealed record {spec.Name}Options");
        bool first = true;
        foreach (OptionSpec option in spec.Options)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            bool isInt = option.Default.Kind == ParamKind.Int;
            w.Line($"/// <summary>Option '{option.Name}' of the spec (default {Xml(option.Default.Text)}).</summary>");
            w.Line($"public {(isInt ? "long" : "double")} {Naming.ToPascal(option.Name)} {{ get; init; }} = {(isInt ? Invariant.Of(option.Default.Int) : Invariant.Literal(option.Default.Float))};");
        }

        foreach (LayerPlan layer in AllModuleLayers(plan).Where(l => l.Type == "dropout" && l.Settings.RateOption is null))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line($"/// <summary>Drop probability of layer '{layer.Name}' (default {Invariant.Literal(layer.Settings.Rate)}).</summary>");
            w.Line($"public double {RateProperty(layer)} {{ get; init; }} = {Invariant.Literal(layer.Settings.Rate)};");
        }

        foreach (LayerPlan layer in AllModuleLayers(plan).Where(l => LayerCatalog.IsRecurrent(l.Type) && l.Settings.NumLayers > 1 && l.Settings.RateOption is null))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line($"/// <summary>Dropout between the stacked layers of '{layer.Name}' (default {Invariant.Literal(layer.Settings.Rate)}).</summary>");
            w.Line($"public double {RateProperty(layer)} {{ get; init; }} = {Invariant.Literal(layer.Settings.Rate)};");
        }

        w.Close();
        return w.ToString();
    }

    private static void WriteHeader(SourceWriter w, ModelSpec spec, bool export)
    {
        w.Line("// <auto-generated/>");
        w.Line($"// Generated by {GeneratorName} from {spec.SourceName}. Do not edit: change the spec and rebuild.");
        w.Line("#nullable enable");
        w.Line();
        w.Line("using System;");
        w.Line("using System.Collections.Generic;");
        if (export)
        {
            w.Line("using QuickDrawDsl.Runtime.Export;");
        }

        w.Line("using QuickDrawDsl.Runtime.Models;");
        w.Line("using QuickDrawDsl.Runtime.Native;");
        w.Line("using TorchSharp;");
        w.Line("using TorchSharp.Modules;");
        w.Line("using static TorchSharp.torch;");
        w.Line();
        w.Line($"namespace {spec.Namespace};");
        w.Line();
    }

    private static void WriteClassDocs(SourceWriter w, ModelPlan plan, string summary)
    {
        ModelSpec spec = plan.Spec;
        string kind = spec.Kind.ToString().ToLowerInvariant();
        string description = spec.Description ?? $"{spec.Name}: a {kind} model generated from {spec.SourceName}.";
        w.Line($"/// <summary>{Xml(description)}</summary>");
        w.Line("/// <remarks>");
        w.Line($"/// <para>{kind}: <c>{spec.Input.Name}</c> {Xml(Shape(spec.Input.Shape, "B"))} → <c>{OutputName(spec)}</c> {Xml(Shape(plan.OutputShape, "B"))}; {Invariant.Grouped(plan.ParameterCount)} parameters. Generated from <c>{Xml(spec.SourceName)}</c>.</para>");
        w.Line("/// <code>");
        foreach (string line in summary.TrimEnd('\n').Split('\n'))
        {
            w.Line("/// " + Xml(line));
        }

        w.Line("/// </code>");
        w.Line("/// </remarks>");
    }

    private static void WriteConstructors(SourceWriter w, ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        w.Line($"/// <summary>Creates the model with the spec's default options on the CPU.</summary>");
        w.Block($"public {spec.Name}() : this(new {spec.Name}Options())");
        w.Close();
        w.Line();
        w.Line("/// <summary>Creates the model.</summary>");
        w.Line("/// <param name=\"options\">Hyperparameters; <c>new()</c> gives the spec's values.</param>");
        w.Line("/// <param name=\"device\">Where to put the parameters; null keeps them on the CPU.</param>");
        w.Line($"public {spec.Name}({spec.Name}Options options, Device? device = null)");
        w.Line($"    : base(TorchNative.Loaded(nameof({spec.Name})))");
        w.Open();
        w.Line("ArgumentNullException.ThrowIfNull(options);");
        w.Line("Options = options;");
        foreach (LayerPlan layer in AllModuleLayers(plan))
        {
            w.Line($"{layer.Name} = {Construct(layer)};");
        }

        if (plan.Decoder is { } d)
        {
            string input = Invariant.Of(d.OutFeatures);
            w.Line($"decoder = nn.{RecurrentType(d.Cell)}({input}, {d.Units.Code}, numLayers: {Invariant.Of(d.NumLayers)}, batchFirst: true);");
        }

        w.Line("RegisterComponents();");
        w.Line("if (device is not null)");
        w.Open();
        w.Line("this.to(device);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteForward(SourceWriter w, ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        string input = spec.Input.Name;
        string outShape = Xml(Shape(plan.OutputShape, "B"));
        string inShape = Xml(Shape(spec.Input.Shape, "B"));
        bool decoder = plan.Decoder is not null;

        w.Line($"/// <summary>Runs the model on a batch.</summary>");
        w.Line($"/// <param name=\"{input}\">{inShape}{(spec.Input.DType == "int64" ? ", int64 token ids" : string.Empty)}.</param>");
        w.Line($"/// <returns><c>{OutputName(spec)}</c>: {outShape}.</returns>");
        if (!plan.AcceptsLengths)
        {
            // No dynamic time axis, so no lengths: forward(input) is the whole story.
            if (decoder)
            {
                w.Line($"public override Tensor forward(Tensor {input}) => Decode(Encode({input}, null), target: null);");
                w.Line();
                DecoderEmitter.WriteEncode(w, plan);
                return;
            }

            w.Block($"public override Tensor forward(Tensor {input})");
            WriteLayers(w, plan, plan.Layers, input);
            w.Line("return x;");
            w.Close();
            w.Line();
            return;
        }

        w.Line($"public override Tensor forward(Tensor {input}) => forward({input}, null);");
        w.Line();
        w.Line("/// <summary>Runs the model on a batch of padded sequences.</summary>");
        w.Line($"/// <param name=\"{input}\">{inShape}, padded after each sequence's end.</param>");
        w.Line($"/// <param name=\"lengths\">Valid length of each sequence, int64 [B]; null when nothing is padded. In eval mode a padded batch gives the same result as each sequence alone.</param>");
        w.Line($"/// <returns><c>{OutputName(spec)}</c>: {outShape}.</returns>");
        if (decoder)
        {
            w.Line($"public Tensor forward(Tensor {input}, Tensor? lengths) => Decode(Encode({input}, lengths), target: null);");
            w.Line();
            DecoderEmitter.WriteEncode(w, plan);
            return;
        }

        w.Block($"public Tensor forward(Tensor {input}, Tensor? lengths)");
        WriteLayers(w, plan, plan.Layers, input);
        w.Line("return x;");
        w.Close();
        w.Line();
    }

    /// <summary>Writes the layer steps from the input to x, leaving x in Keras layout.</summary>
    internal static void WriteLayers(SourceWriter w, ModelPlan plan, IEnumerable<LayerPlan> layers, string input)
    {
        ModelSpec spec = plan.Spec;
        var state = new ForwardState { HasLengths = plan.AcceptsLengths };
        w.Line("var x = " + input + ";", Shape(spec.Input.Shape, "B"), CommentColumn);

        IReadOnlyList<Dim> current = spec.Input.Shape.ToList();
        List<LayerPlan> list = layers.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Type == "time_distributed" && !LayerEmitter.ActsOnLastAxis(list[i]))
            {
                var run = new List<LayerPlan> { list[i] };
                while (i + 1 < list.Count && list[i + 1].Type == "time_distributed" && !LayerEmitter.ActsOnLastAxis(list[i + 1]))
                {
                    run.Add(list[++i]);
                }

                LayerEmitter.WriteFolded(w, run, state);
            }
            else
            {
                LayerEmitter.Write(w, list[i], state);
            }

            current = list[i].OutShape.ToList();
        }

        if (current.Count == 2 && state.ChannelsFirst)
        {
            state.ChannelsFirst = false;
            w.Line("x = x.transpose(1, 2);", Shape(current, state.Batch), CommentColumn);
        }
    }

    internal static IEnumerable<LayerPlan> AllModuleLayers(ModelPlan plan)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            LayerPlan module = layer.Inner ?? layer;
            if (FieldType(module).Length > 0)
            {
                yield return module;
            }
        }

        if (plan.Decoder is { } d)
        {
            foreach (LayerPlan layer in d.Head.Where(l => FieldType(l).Length > 0))
            {
                yield return layer;
            }
        }
    }

    internal static string FieldType(LayerPlan layer) => layer.Type switch
    {
        "dense" => "Linear",
        "dropout" => "Dropout",
        "batchnorm" => "BatchNorm" + (layer.InRank switch { 1 or 2 => "1d", 3 => "2d", _ => "3d" }),
        "layernorm" => "LayerNorm",
        "embedding" => "Embedding",
        "conv1d" => "Conv1d",
        "conv2d" => "Conv2d",
        "conv3d" => "Conv3d",
        "maxpool" => "MaxPool" + Invariant.Of(layer.InRank - 1) + "d",
        "avgpool" => "AvgPool" + Invariant.Of(layer.InRank - 1) + "d",
        "lstm" => "LSTM",
        "gru" => "GRU",
        "rnn" => "RNN",
        _ => string.Empty,
    };

    internal static string RecurrentType(string cell) => cell switch { "lstm" => "LSTM", "gru" => "GRU", _ => "RNN" };

    internal static string RateProperty(LayerPlan layer) =>
        layer.Settings.RateOption is { } option ? Naming.ToPascal(option) : Naming.ToPascal(layer.Name) + (layer.Type == "dropout" ? "Rate" : "Dropout");

    private static string Construct(LayerPlan layer)
    {
        LayerSettings s = layer.Settings;
        switch (layer.Type)
        {
            case "dense":
                return $"nn.Linear({s.InFeatures.Code}, {s.OutFeatures.Code}{(s.Bias ? string.Empty : ", hasBias: false")})";
            case "dropout":
                return $"nn.Dropout(options.{RateProperty(layer)})";
            case "batchnorm":
                return $"nn.{FieldType(layer)}({s.InFeatures.Code}{(s.Eps != 1e-5 ? ", eps: " + Invariant.Literal(s.Eps) : string.Empty)}{(s.Momentum != 0.1 ? ", momentum: " + Invariant.Literal(s.Momentum) : string.Empty)})";
            case "layernorm":
                return $"nn.LayerNorm({s.InFeatures.Code}{(s.Eps != 1e-5 ? ", eps: " + Invariant.Literal(s.Eps) : string.Empty)})";
            case "embedding":
                return $"nn.Embedding({s.InFeatures.Code}, {s.OutFeatures.Code}{(s.PaddingIdx is { } p ? ", padding_idx: " + Invariant.Of(p) : string.Empty)})";
            case "conv1d":
            case "conv2d":
            case "conv3d":
            {
                var args = new List<string> { s.InFeatures.Code, s.OutFeatures.Code, Tuple(s.Kernel) };
                if (s.Stride.Any(v => v != 1))
                {
                    args.Add("stride: " + Tuple(s.Stride));
                }

                if (s.SymmetricPadding && s.PadLeft.Any(v => v != 0))
                {
                    args.Add("padding: " + Tuple(s.PadLeft));
                }

                if (s.Dilation != 1)
                {
                    args.Add("dilation: " + Tuple(Enumerable.Repeat(s.Dilation, s.Kernel.Count).ToEquatableArray()));
                }

                if (!s.Bias)
                {
                    args.Add("bias: false");
                }

                return $"nn.{FieldType(layer)}({string.Join(", ", args)})";
            }

            case "maxpool":
            case "avgpool":
            {
                var args = new List<string> { Tuple(s.Kernel) };
                if (!s.Stride.SequenceEqual(s.Kernel))
                {
                    args.Add("stride: " + Tuple(s.Stride));
                }

                if (s.CeilMode)
                {
                    args.Add("ceil_mode: true");
                }

                return $"nn.{FieldType(layer)}({string.Join(", ", args)})";
            }

            case "lstm":
            case "gru":
            case "rnn":
            {
                var args = new List<string> { s.InFeatures.Code, s.OutFeatures.Code };
                if (s.NumLayers != 1)
                {
                    args.Add("numLayers: " + Invariant.Of(s.NumLayers));
                }

                if (s.Nonlinearity == "relu")
                {
                    args.Add("nonLinearity: nn.NonLinearities.ReLU");
                }

                args.Add("batchFirst: true");
                if (s.NumLayers > 1)
                {
                    args.Add("dropout: options." + RateProperty(layer));
                }

                if (s.Bidirectional)
                {
                    args.Add("bidirectional: true");
                }

                return $"nn.{FieldType(layer)}({string.Join(", ", args)})";
            }
        }

        return string.Empty;
    }

    /// <summary>One size, or a C# tuple of one size per axis (TorchSharp's overloads take both).</summary>
    private static string Tuple(EquatableArray<long> values) =>
        values.Count == 1 || values.All(v => v == values[0]) ? Invariant.Of(values[0]) : "(" + string.Join(", ", values.Select(Invariant.Of)) + ")";

    private static string ModelInfoLiteral(ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        string Strings(IEnumerable<string> items) => items.Any() ? "new string[] { " + string.Join(", ", items.Select(Quote)) + " }" : "Array.Empty<string>()";
        var layers = new List<string>();
        foreach (LayerPlan layer in plan.Layers)
        {
            layers.Add($"new LayerInfo({Quote(layer.Name)}, {Quote(layer.Type == "time_distributed" ? "time_distributed(" + layer.Inner!.Type + ")" : layer.Type)}, {Strings(layer.OutShape.Select(d => d.Text))}, {Invariant.Of(layer.Parameters)})");
        }

        if (plan.Decoder is { } d)
        {
            layers.Add($"new LayerInfo(\"decoder\", {Quote(d.Cell)}, new string[] {{ \"{Invariant.Of(d.Steps)}\", \"{d.Units.Text}\" }}, {Invariant.Of(d.Parameters - d.Head.Sum(h => h.Parameters))})");
            foreach (LayerPlan layer in d.Head)
            {
                layers.Add($"new LayerInfo({Quote(layer.Name)}, {Quote(layer.Type)}, new string[] {{ \"{Invariant.Of(d.Steps)}\", {Quote(layer.OutShape[0].Text)} }}, {Invariant.Of(layer.Parameters)})");
            }
        }

        return "new(" + string.Join(", ", new[]
        {
            Quote(spec.Name),
            Quote(spec.Kind.ToString().ToLowerInvariant()),
            Quote(spec.SourceName),
            Quote(spec.Input.Name),
            Strings(spec.Input.Shape.Select(x => x.Text)),
            Quote(spec.Input.DType),
            Quote(OutputName(spec)),
            Strings(plan.OutputShape.Select(x => x.Text)),
            "ParameterCount",
            Strings(spec.Labels),
            "new LayerInfo[] { " + string.Join(", ", layers) + " }",
        }) + ")";
    }

    internal static string OutputName(ModelSpec spec) => spec.Output?.Name ?? "output";

    internal static string Shape(IEnumerable<Dim> dims, string batch) => "[" + string.Join(", ", new[] { batch }.Concat(dims.Select(d => d.Text))) + "]";

    internal static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
