using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// Writes the TorchSharp module of a <see cref="ModelPlan"/>: fields, constructor, forward, ONNX export
/// (<see cref="OnnxEmitter"/>), summary. Names follow <see cref="GeneratedNames"/>, external types are
/// <see cref="TypeNames"/>, and spec text goes through <see cref="CSharpText"/>.
/// </summary>
internal static partial class ModuleEmitter
{
    private static readonly string GeneratedCode = $"[{TypeNames.GeneratedCode}(\"{GeneratorInfo.Name}\", {CSharpText.Literal(GeneratorInfo.Version)})]";

    private static readonly string SummaryText = GeneratedNames.Private("SummaryText");

    public static string EmitModule(ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        var w = new SourceWriter();
        WriteHeader(w, spec);
        string summary = SummaryTable.Render(plan);
        ForwardPlan forward = ForwardPlanner.Plan(plan);

        WriteClassDocs(w, plan, summary);
        w.Line(GeneratedCode);
        string modifiers = spec.FromAttribute ? spec.Accessibility + " partial" : spec.Accessibility + " sealed partial";
        string interfaces = TypeNames.IGeneratedModel + (plan.AcceptsLengths ? ", " + TypeNames.ISequenceModel : string.Empty) + (plan.Decoder is not null ? ", " + TypeNames.ITeacherForcedModel : string.Empty);
        w.Block($"{modifiers} class {spec.Name} : {TypeNames.Module}, {interfaces}");

        w.Line("/// <summary>Trainable parameters with the default options, counted by the generator (equals the element count of <c>parameters()</c>).</summary>");
        w.Line($"public const long ParameterCount = {Invariant.Of(plan.ParameterCount)};");
        w.Line();
        w.Line("/// <summary>The spec as data: name, kind, shapes, labels and the layer table.</summary>");
        WriteInfo(w, plan);
        w.Line();
        w.Line($"{TypeNames.ModelInfo} {TypeNames.IGeneratedModel}.Info => Info;");
        w.Line();
        w.Line("/// <summary>The options this instance was built with.</summary>");
        w.Line($"public {OptionsType(spec)} Options {{ get; }}");
        w.Line();

        foreach (LayerPlan layer in AllModuleLayers(plan))
        {
            w.Line($"[{TypeNames.ComponentName}(Name = {CSharpText.Literal(layer.Name)})]");
            w.Line($"private readonly {TypeNames.Modules}.{FieldType(layer)} {GeneratedNames.Field(layer.Name)};");
        }

        if (plan.Decoder is { } decoderPlan)
        {
            w.Line($"[{TypeNames.ComponentName}(Name = {CSharpText.Literal(GeneratedNames.DecoderComponent)})]");
            w.Line($"private readonly {TypeNames.Modules}.{RecurrentFamily.ModuleType(decoderPlan.Cell)} {ModelText.DecoderField};");
        }

        w.Line();
        WriteConstructors(w, plan);
        WriteForward(w, plan, forward);
        OnnxEmitter.WriteExport(w, plan, forward);

        w.Line("/// <summary>A Keras-style table of the layers, their output shapes and parameter counts.</summary>");
        w.Line("/// <returns>The table, one layer per line, with the total at the end.</returns>");
        w.Line($"public static string Summary() => {SummaryText};");
        w.Line();
        w.Line($"private const string {SummaryText} =");
        string[] lines = summary.TrimEnd('\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            w.Line("    " + CSharpText.Literal(lines[i] + "\n") + (i == lines.Length - 1 ? ";" : " +"));
        }

        w.Close();
        return w.ToString();
    }

    public static string EmitOptions(ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        var w = new SourceWriter();
        WriteHeader(w, spec);
        string model = ModelText.Qualified(spec, spec.Name);
        w.Line($"/// <summary>Hyperparameters of <see cref=\"{model}\"/> that the spec leaves open; the defaults are the spec's values.</summary>");
        w.Line($"/// <remarks><see cref=\"{model}.ParameterCount\"/> and the shape comments are for these defaults; the model's constructor checks every value against the rule of the parameter it sets.</remarks>");
        w.Line(GeneratedCode);
        w.Block($"{spec.Accessibility} sealed record {GeneratedNames.OptionsRecord(spec.Name)}");
        bool first = true;
        foreach (OptionProperty property in OptionProperties.Of(spec))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            string value = property.IsInteger ? Invariant.Of(property.Default.Int) : Invariant.Literal(property.Default.Float);
            w.Line($"/// <summary>{CSharpText.Xml(property.Summary)}</summary>");
            w.Line($"public {(property.IsInteger ? "long" : "double")} {property.Name} {{ get; init; }} = {value};");
        }

        w.Close();
        return w.ToString();
    }

    private static string OptionsType(ModelSpec spec) => ModelText.Qualified(spec, GeneratedNames.OptionsRecord(spec.Name));

    private static void WriteHeader(SourceWriter w, ModelSpec spec)
    {
        w.Line("// <auto-generated/>");
        w.Line($"// Generated by {GeneratorInfo.Name} from {CSharpText.Comment(spec.SourceName)}. Do not edit: change the spec and rebuild.");
        w.Line("#nullable enable");
        w.Line();
        if (spec.Namespace.Length > 0)
        {
            w.Line($"namespace {spec.Namespace};");
            w.Line();
        }
    }

    private static void WriteClassDocs(SourceWriter w, ModelPlan plan, string summary)
    {
        ModelSpec spec = plan.Spec;
        string kind = spec.Kind.ToString().ToLowerInvariant();
        string description = spec.Description ?? $"{spec.Name}: a {kind} model generated from {spec.SourceName}.";
        IReadOnlyList<string> paragraphs = CSharpText.Lines(description.TrimEnd('\n', '\r', '\u0085', '\u2028', '\u2029'));
        if (paragraphs.Count == 1)
        {
            w.Line($"/// <summary>{CSharpText.Xml(description)}</summary>");
        }
        else
        {
            w.Line("/// <summary>");
            foreach (string line in paragraphs)
            {
                w.Line(("/// " + CSharpText.Xml(line)).TrimEnd());
            }

            w.Line("/// </summary>");
        }

        w.Line("/// <remarks>");
        w.Line($"/// <para>{kind}: <c>{spec.Input.Name}</c> {CSharpText.Xml(Shape(spec.Input.Shape, "B"))} → <c>{OutputName(spec)}</c> {CSharpText.Xml(Shape(plan.OutputShape, "B"))}; {Invariant.Grouped(plan.ParameterCount)} parameters. Generated from <c>{CSharpText.Xml(spec.SourceName)}</c>.</para>");
        w.Line("/// <code>");
        foreach (string line in summary.TrimEnd('\n').Split('\n'))
        {
            w.Line("/// " + CSharpText.Xml(line));
        }

        w.Line("/// </code>");
        w.Line("/// </remarks>");
    }

    private static void WriteConstructors(SourceWriter w, ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        string options = OptionsType(spec);
        w.Line($"/// <summary>Creates the model with the spec's default options on the CPU.</summary>");
        w.Block($"public {spec.Name}() : this(new {options}())");
        w.Close();
        w.Line();
        w.Line("/// <summary>Creates the model.</summary>");
        w.Line("/// <param name=\"options\">Hyperparameters; <c>new()</c> gives the spec's values.</param>");
        w.Line("/// <param name=\"device\">Where to put the parameters; null keeps them on the CPU.</param>");
        w.Line($"/// <exception cref=\"{TypeNames.ArgumentOutOfRangeException}\">An option is outside the values its parameter accepts.</exception>");
        w.Line($"public {spec.Name}({options} options, {TypeNames.Device}? device = null)");
        w.Line($"    : base({TypeNames.TorchNative}.Loaded({CSharpText.Literal(spec.Name)}))");
        w.Open();
        w.Line($"{TypeNames.ArgumentNullException}.ThrowIfNull(options);");
        WriteOptionChecks(w, spec);
        w.Line("Options = options;");
        foreach (LayerPlan layer in AllModuleLayers(plan))
        {
            w.Line($"{GeneratedNames.Field(layer.Name)} = {LayerCatalog.Family(layer.Type).Construct(layer)};");
        }

        if (plan.Decoder is { } d)
        {
            w.Line($"{ModelText.DecoderField} = {TypeNames.Nn}.{RecurrentFamily.ModuleType(d.Cell)}({d.InputCode}, {d.Units.Code}, numLayers: {Invariant.Of(d.NumLayers)}, batchFirst: true);");
        }

        w.Line("RegisterComponents();");
        w.Line("if (device is not null)");
        w.Open();
        w.Line("global::TorchSharp.ModuleExtensionMethods.to(this, device);");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// An overridden option is checked against the same rule as the literal it stands for (<see cref="ParamRules"/>),
    /// so <c>Hidden = -5</c> fails here with the option's name instead of as a negative size inside libtorch.
    /// </summary>
    private static void WriteOptionChecks(SourceWriter w, ModelSpec spec)
    {
        string record = GeneratedNames.OptionsRecord(spec.Name);
        foreach (OptionProperty property in OptionProperties.Of(spec))
        {
            foreach (IGrouping<ParamRule, OptionUse> rule in property.Uses.GroupBy(u => u.Rule))
            {
                string value = "options." + property.Name;
                if (ParamRules.ViolationCode(rule.Key, value) is not { } violation)
                {
                    continue;
                }

                string message = $"{record}.{property.Name} sets {string.Join(", ", rule.Select(u => u.Field))}, which must be {ParamRules.Describe(rule.Key)}.";
                w.Line($"if ({violation})");
                w.Open();
                w.Line($"throw new {TypeNames.ArgumentOutOfRangeException}(\"options\", {value}, {CSharpText.Literal(message)});");
                w.Close();
                w.Line();
            }
        }
    }

    private static void WriteForward(SourceWriter w, ModelPlan plan, ForwardPlan forward)
    {
        ModelSpec spec = plan.Spec;
        string input = spec.Input.Name;
        string outShape = CSharpText.Xml(Shape(plan.OutputShape, "B"));
        string inShape = CSharpText.Xml(Shape(spec.Input.Shape, "B"));
        bool decoder = plan.Decoder is not null;
        string tensor = TypeNames.Tensor;

        w.Line($"/// <summary>Runs the model on a batch.</summary>");
        w.Line($"/// <param name=\"{input}\">{inShape}{(spec.Input.DType == "int64" ? ", int64 token ids" : string.Empty)}.</param>");
        w.Line($"/// <returns><c>{OutputName(spec)}</c>: {outShape}.</returns>");
        if (!plan.AcceptsLengths)
        {
            // No dynamic time axis, so no lengths: forward(input) is the whole story.
            if (decoder)
            {
                w.Line($"public override {tensor} forward({tensor} {input}) => {ModelText.Decode}({ModelText.Encode}({input}, null), target: null);");
                w.Line();
                DecoderEmitter.WriteEncode(w, plan, forward);
                return;
            }

            w.Block($"public override {tensor} forward({tensor} {input})");
            TorchSharpRenderer.WriteBody(w, spec, forward.Layers, input, new LocalScope(input));
            w.Line("return x;");
            w.Close();
            w.Line();
            return;
        }

        // 'this.' because a parameter may have the method's name ('forward').
        w.Line($"public override {tensor} forward({tensor} {input}) => this.forward({input}, null);");
        w.Line();
        w.Line("/// <summary>Runs the model on a batch of padded sequences.</summary>");
        w.Line($"/// <param name=\"{input}\">{inShape}, padded after each sequence's end.</param>");
        w.Line($"/// <param name=\"{GeneratedNames.Lengths}\">Valid length of each sequence, int64 [B]; null when nothing is padded. In eval mode a padded batch gives the same result as each sequence alone.</param>");
        w.Line($"/// <returns><c>{OutputName(spec)}</c>: {outShape}.</returns>");
        if (decoder)
        {
            w.Line($"public {tensor} forward({tensor} {input}, {tensor}? {GeneratedNames.Lengths}) => {ModelText.Decode}({ModelText.Encode}({input}, {GeneratedNames.Lengths}), target: null);");
            w.Line();
            DecoderEmitter.WriteEncode(w, plan, forward);
            return;
        }

        w.Block($"public {tensor} forward({tensor} {input}, {tensor}? {GeneratedNames.Lengths})");
        TorchSharpRenderer.WriteBody(w, spec, forward.Layers, input, new LocalScope(input, GeneratedNames.Lengths));
        w.Line("return x;");
        w.Close();
        w.Line();
    }

    internal static IEnumerable<LayerPlan> AllModuleLayers(ModelPlan plan)
    {
        foreach (LayerPlan module in plan.Layers.SelectMany(l => LayerCatalog.Family(l.Type).Modules(l)))
        {
            yield return module;
        }

        if (plan.Decoder is { } d)
        {
            foreach (LayerPlan layer in d.Head.Where(l => FieldType(l).Length > 0))
            {
                yield return layer;
            }
        }
    }

    internal static string FieldType(LayerPlan layer) => LayerCatalog.Family(layer.Type).FieldType(layer);

    /// <summary>The <c>Info</c> property: the spec's facts on one line, then one line per layer.</summary>
    private static void WriteInfo(SourceWriter w, ModelPlan plan)
    {
        ModelSpec spec = plan.Spec;
        string Strings(IEnumerable<string> items) => items.Any() ? "new string[] { " + string.Join(", ", items.Select(CSharpText.Literal)) + " }" : $"{TypeNames.Array}.Empty<string>()";
        string Layer(string name, string type, IEnumerable<string> shape, long parameters) =>
            $"new {TypeNames.LayerInfo}({CSharpText.Literal(name)}, {CSharpText.Literal(type)}, {Strings(shape)}, {Invariant.Of(parameters)}),";

        w.Line($"public static {TypeNames.ModelInfo} Info {{ get; }} = new(");
        w.Line("    " + string.Join(", ", new[]
        {
            CSharpText.Literal(spec.Name),
            CSharpText.Literal(spec.Kind.ToString().ToLowerInvariant()),
            CSharpText.Literal(spec.SourceName),
            CSharpText.Literal(spec.Input.Name),
            Strings(spec.Input.Shape.Select(x => x.Text)),
            CSharpText.Literal(spec.Input.DType),
            CSharpText.Literal(OutputName(spec)),
            Strings(plan.OutputShape.Select(x => x.Text)),
            "ParameterCount",
            Strings(spec.Labels),
        }) + ",");
        w.Line($"    new {TypeNames.LayerInfo}[]");
        w.Line("    {");
        foreach (LayerPlan layer in plan.Layers)
        {
            w.Line("        " + Layer(layer.Name, LayerCatalog.Family(layer.Type).InfoType(layer), layer.OutShape.Select(d => d.Text), layer.Parameters));
        }

        if (plan.Decoder is { } d)
        {
            w.Line("        " + Layer(GeneratedNames.DecoderComponent, d.Cell, [Invariant.Of(d.Steps), d.Units.Text], d.Parameters - d.Head.Sum(h => h.Parameters)));
            foreach (LayerPlan layer in d.Head)
            {
                w.Line("        " + Layer(layer.Name, layer.Type, [Invariant.Of(d.Steps), layer.OutShape[0].Text], layer.Parameters));
            }
        }

        w.Line("    });");
    }

    private static string OutputName(ModelSpec spec) => ModelText.OutputName(spec);

    private static string Shape(IEnumerable<Dim> dims, string batch) => ModelText.Shape(dims, batch);
}
