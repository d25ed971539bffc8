using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// Reads a <c>*.model.yaml</c> file into a <see cref="ModelSpec"/>. Every problem becomes a located diagnostic;
/// the parser keeps going after an error so one build reports all of them.
/// </summary>
internal sealed class YamlSpecParser
{
    private static readonly string[] TopLevelKeys = ["model", "namespace", "kind", "description", "input", "output", "labels", "options", "layers", "decoder"];
    private static readonly string[] TensorKeys = ["name", "shape", "dtype"];
    private static readonly string[] Kinds = ["sequential", "seq2vec", "seq2seq", "vec2seq"];
    private static readonly string[] DecoderKeys = ["cell", "units", "num_layers", "steps", "head"];

    /// <summary>Largest size a spec may give; keeps parameter counts far from overflow.</summary>
    private const long MaxSize = 1 << 24;

    private readonly string path;
    private readonly List<DiagnosticInfo> diagnostics = [];
    private readonly Dictionary<string, int> typeCounters = new(StringComparer.Ordinal);
    private Dictionary<string, OptionSpec> options = new(StringComparer.Ordinal);

    private YamlSpecParser(string path) => this.path = path;

    public static Result<ModelSpec> Parse(string path, string text, string defaultNamespace)
    {
        var parser = new YamlSpecParser(path);
        ModelSpec? spec = null;
        try
        {
            spec = parser.ParseDocument(text, defaultNamespace);
        }
        catch (YamlException ex)
        {
            parser.Report(DiagnosticDescriptors.YamlSyntax, parser.At(ex.Start, ex.End), CleanMessage(ex.Message));
        }

        return new Result<ModelSpec>(parser.diagnostics.Any() ? null : spec, parser.diagnostics.ToEquatableArray());
    }

    private ModelSpec? ParseDocument(string text, string defaultNamespace)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (Exception ex) when (ex is not YamlException)
        {
            // YamlDotNet throws InvalidOperationException on some truncated flow collections; locate it by the scanner.
            Mark at = scanner.CurrentPosition;
            Report(DiagnosticDescriptors.YamlSyntax, At(at, at), "cannot read past this point; check for an unclosed '{', '[' or quote above");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            LocationInfo? at = stream.Documents.Count > 0 ? At(stream.Documents[0].RootNode) : FileStart();
            Report(DiagnosticDescriptors.WrongType, at, "the spec", "a mapping with 'model:', 'input:' and 'layers:'", stream.Documents.Count == 0 ? "empty" : Describe(stream.Documents[0].RootNode));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Report(DiagnosticDescriptors.YamlSyntax, At(stream.Documents[1].RootNode), "a model file holds one document; move the second model to its own .model.yaml file");
        }

        Dictionary<string, YamlNode> fields = ReadMapping(root, TopLevelKeys, "the spec");

        string? name = RequiredIdentifier(fields, "model", root, "the spec", "class name", "e.g. 'model: QuickDrawClassifier'");
        string ns = defaultNamespace;
        if (fields.TryGetValue("namespace", out YamlNode? nsNode) && Scalar(nsNode, "namespace") is { } nsText)
        {
            if (Naming.IsNamespace(nsText))
            {
                ns = nsText;
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, At(nsNode), nsText, "namespace", "use dot-separated identifiers, e.g. 'QuickDraw.Models'");
            }
        }

        ModelKind kind = ModelKind.Sequential;
        if (fields.TryGetValue("kind", out YamlNode? kindNode) && Scalar(kindNode, "kind") is { } kindText)
        {
            kind = kindText switch
            {
                "sequential" => ModelKind.Sequential,
                "seq2vec" => ModelKind.Seq2Vec,
                "seq2seq" => ModelKind.Seq2Seq,
                "vec2seq" => ModelKind.Vec2Seq,
                _ => InvalidKind(kindNode, kindText),
            };
        }

        string? description = fields.TryGetValue("description", out YamlNode? d) ? Scalar(d, "description") : null;

        if (fields.TryGetValue("options", out YamlNode? optionsNode))
        {
            options = ReadOptions(optionsNode);
        }

        TensorSpec? input = fields.TryGetValue("input", out YamlNode? inNode) ? ReadTensor(inNode, "input", allowSymbols: true) : MissingTop(root, "input", "e.g. 'input: { name: strokes, shape: [time, 3] }'");
        TensorSpec? output = fields.TryGetValue("output", out YamlNode? outNode) ? ReadTensor(outNode, "output", allowSymbols: true) : null;

        var labels = new List<string>();
        if (fields.TryGetValue("labels", out YamlNode? labelsNode))
        {
            if (labelsNode is YamlSequenceNode seq)
            {
                foreach (YamlNode item in seq)
                {
                    if (Scalar(item, "labels[]") is { } label)
                    {
                        labels.Add(label);
                    }
                }
            }
            else
            {
                Report(DiagnosticDescriptors.WrongType, At(labelsNode), "labels", "a list of class names", Describe(labelsNode));
            }
        }

        var layers = new List<LayerSpec>();
        if (fields.TryGetValue("layers", out YamlNode? layersNode))
        {
            if (layersNode is YamlSequenceNode list)
            {
                foreach (YamlNode item in list)
                {
                    if (ReadLayer(item, allowWrapper: true) is { } layer)
                    {
                        layers.Add(layer);
                    }
                }
            }
            else
            {
                Report(DiagnosticDescriptors.WrongType, At(layersNode), "layers", "a list of layers ('- dense: { units: 10 }')", Describe(layersNode));
            }
        }
        else
        {
            MissingTop(root, "layers", "e.g. 'layers: [ { dense: { units: 10 } } ]'");
        }

        DecoderSpec? decoder = fields.TryGetValue("decoder", out YamlNode? decNode) ? ReadDecoder(decNode) : null;

        CheckDuplicateNames(layers.Concat(decoder?.Head ?? EquatableArray<LayerSpec>.Empty));

        if (name is null || input is null)
        {
            return null;
        }

        return new ModelSpec(
            name,
            ns,
            kind,
            description,
            Path.GetFileName(path),
            input,
            output,
            layers.ToEquatableArray(),
            decoder,
            labels.ToEquatableArray(),
            options.Values.ToEquatableArray(),
            fields.TryGetValue("model", out YamlNode? modelNode) ? At(modelNode) : null,
            FromAttribute: false,
            Accessibility: "public");
    }

    private ModelKind InvalidKind(YamlNode node, string text)
    {
        string? closest = Naming.Closest(text, Kinds);
        Report(DiagnosticDescriptors.InvalidValue, At(node), "kind", text, "use one of " + string.Join(", ", Kinds) + (closest is null ? string.Empty : $" (did you mean '{closest}'?)"));
        return ModelKind.Sequential;
    }

    private Dictionary<string, OptionSpec> ReadOptions(YamlNode node)
    {
        var result = new Dictionary<string, OptionSpec>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), "options", "a mapping of names to numbers, e.g. 'options: { hidden: 128 }'", Describe(node));
            return result;
        }

        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            string key = ((entry.Key as YamlScalarNode)?.Value) ?? string.Empty;
            if (!Naming.IsIdentifier(key))
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, At(entry.Key), key, "option name", "use letters, digits and '_', starting with a letter");
                continue;
            }

            if (entry.Value is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain && TryNumber(scalar.Value ?? string.Empty) is { } value)
            {
                result[key] = new OptionSpec(key, value, At(entry.Value));
            }
            else
            {
                Report(DiagnosticDescriptors.WrongType, At(entry.Value), "options." + key, "a number", Describe(entry.Value));
            }
        }

        return result;
    }

    private TensorSpec? ReadTensor(YamlNode node, string field, bool allowSymbols)
    {
        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), field, "a mapping, e.g. '{ name: x, shape: [time, 3] }'", Describe(node));
            return null;
        }

        Dictionary<string, YamlNode> fields = ReadMapping(map, TensorKeys, "'" + field + "'");
        string name = field == "input" ? "input" : "output";
        if (fields.TryGetValue("name", out YamlNode? nameNode) && Scalar(nameNode, field + ".name") is { } n)
        {
            if (Naming.IsIdentifier(n))
            {
                name = n;
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, At(nameNode), n, "parameter name", "it becomes the forward argument; use e.g. 'strokes'");
            }
        }

        string dtype = "float32";
        if (fields.TryGetValue("dtype", out YamlNode? dtypeNode) && Scalar(dtypeNode, field + ".dtype") is { } dt)
        {
            if (dt is "float32" or "int64")
            {
                dtype = dt;
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidValue, At(dtypeNode), field + ".dtype", dt, "use float32 (default) or int64 (token ids for an embedding)");
            }
        }

        if (!fields.TryGetValue("shape", out YamlNode? shapeNode))
        {
            Report(DiagnosticDescriptors.MissingField, At(map), "'" + field + "'", "shape", "the shape without the batch axis, e.g. 'shape: [time, 3]'");
            return null;
        }

        if (shapeNode is not YamlSequenceNode dims || dims.Children.Count == 0)
        {
            Report(DiagnosticDescriptors.WrongType, At(shapeNode), field + ".shape", "a non-empty list of sizes or axis names, e.g. [time, 3]", Describe(shapeNode));
            return null;
        }

        var shape = new List<Dim>();
        bool ok = true;
        foreach (YamlNode dimNode in dims)
        {
            string? text = (dimNode as YamlScalarNode)?.Value;
            if (text is not null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long size) && size > 0 && size <= MaxSize)
            {
                shape.Add(Dim.Fixed(size));
            }
            else if (allowSymbols && text is not null && Naming.IsIdentifier(text))
            {
                shape.Add(Dim.Symbol(text));
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidValue, At(dimNode), field + ".shape", text ?? Describe(dimNode), "each dimension is a positive integer (at most 16777216) or an axis name such as 'time'");
                ok = false;
            }
        }

        return ok ? new TensorSpec(name, shape.ToEquatableArray(), dtype, At(map), At(shapeNode)) : null;
    }

    private DecoderSpec? ReadDecoder(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), "decoder", "a mapping, e.g. '{ cell: gru, units: 64, steps: 7, head: [ { dense: { units: 1 } } ] }'", Describe(node));
            return null;
        }

        Dictionary<string, YamlNode> fields = ReadMapping(map, DecoderKeys, "'decoder'");
        var parameters = new List<LayerParam>();
        var definitions = new[]
        {
            new ParamDefinition("cell", ParamType.Choice, null, "Decoder cell.", required: true, choices: LayerCatalog.RecurrentTypes),
            new ParamDefinition("units", ParamType.Int, null, "Hidden size.", required: true, allowsOption: true),
            new ParamDefinition("num_layers", ParamType.Int, "1", "Stacked layers."),
            new ParamDefinition("steps", ParamType.Int, null, "Output length."),
        };
        foreach (ParamDefinition def in definitions)
        {
            if (fields.TryGetValue(def.Key, out YamlNode? valueNode))
            {
                if (ReadValue(valueNode, def, "decoder." + def.Key) is { } value)
                {
                    parameters.Add(new LayerParam(def.Key, value, At(valueNode)));
                }
            }
            else if (def.Required)
            {
                Report(DiagnosticDescriptors.MissingField, At(map), "'decoder'", def.Key, def.Description);
            }
        }

        var head = new List<LayerSpec>();
        if (fields.TryGetValue("head", out YamlNode? headNode))
        {
            if (headNode is YamlSequenceNode list)
            {
                foreach (YamlNode item in list)
                {
                    if (ReadLayer(item, allowWrapper: false) is { } layer)
                    {
                        head.Add(layer);
                    }
                }
            }
            else
            {
                Report(DiagnosticDescriptors.WrongType, At(headNode), "decoder.head", "a list of layers applied to every decoder step", Describe(headNode));
            }
        }

        return new DecoderSpec(parameters.ToEquatableArray(), head.ToEquatableArray(), At(map));
    }

    private LayerSpec? ReadLayer(YamlNode item, bool allowWrapper)
    {
        if (item is not YamlMappingNode entry || entry.Children.Count == 0)
        {
            Report(DiagnosticDescriptors.MalformedLayer, At(item), "found " + Describe(item));
            return null;
        }

        // 'name' may sit beside the type key ('- dense: {...}\n  name: head') or inside the parameters.
        KeyValuePair<YamlNode, YamlNode>[] typeEntries = entry.Children.Where(c => (c.Key as YamlScalarNode)?.Value != "name").ToArray();
        if (typeEntries.Length != 1)
        {
            Report(DiagnosticDescriptors.MalformedLayer, At(item), "found " + typeEntries.Length + " keys (" + string.Join(", ", typeEntries.Select(e => (e.Key as YamlScalarNode)?.Value)) + "); write one layer per list item");
            return null;
        }

        YamlNode typeNode = typeEntries[0].Key;
        YamlNode body = typeEntries[0].Value;
        string type = (typeNode as YamlScalarNode)?.Value ?? string.Empty;
        LayerDefinition? definition = LayerCatalog.Find(type);
        if (definition is null)
        {
            string? closest = Naming.Closest(type, LayerCatalog.Types);
            Report(DiagnosticDescriptors.UnknownLayer, At(typeNode), type, closest is null ? "; valid types: " + string.Join(", ", LayerCatalog.Types) : $"; did you mean '{closest}'?");
            return null;
        }

        string? explicitName = null;
        YamlNode? outerName = entry.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == "name").Value;
        if (outerName is not null)
        {
            explicitName = LayerName(outerName);
        }

        if (type == "time_distributed")
        {
            if (!allowWrapper)
            {
                Report(DiagnosticDescriptors.WrongRank, At(typeNode), type, type, "a sequence", "a single decoder step (the head is already applied to every step)");
                return null;
            }

            return ReadTimeDistributed(typeNode, body, explicitName);
        }

        var parameters = new List<LayerParam>();
        if (type == "activation" && body is YamlScalarNode { Style: ScalarStyle.Plain } fnScalar && !string.IsNullOrEmpty(fnScalar.Value))
        {
            // Shorthand: '- activation: relu'.
            if (ReadValue(fnScalar, definition.Find("fn")!, "activation") is { } fn)
            {
                parameters.Add(new LayerParam("fn", fn, At(fnScalar)));
            }
        }
        else if (body is YamlMappingNode map)
        {
            var known = definition.Parameters.Select(p => p.Key).Append("name").ToArray();
            Dictionary<string, YamlNode> fields = ReadMapping(map, known, "layer '" + type + "'");
            if (fields.TryGetValue("name", out YamlNode? nameNode))
            {
                explicitName = LayerName(nameNode) ?? explicitName;
            }

            foreach (ParamDefinition def in definition.Parameters)
            {
                if (fields.TryGetValue(def.Key, out YamlNode? valueNode))
                {
                    if (ReadValue(valueNode, def, type + "." + def.Key) is { } value)
                    {
                        parameters.Add(new LayerParam(def.Key, value, At(valueNode)));
                    }
                }
                else if (def.Required)
                {
                    Report(DiagnosticDescriptors.MissingField, At(typeNode), "layer '" + type + "'", def.Key, def.Description);
                }
            }
        }
        else if (!IsEmpty(body))
        {
            Report(DiagnosticDescriptors.WrongType, At(body), type, "a mapping of parameters (or nothing)", Describe(body));
            return null;
        }
        else
        {
            foreach (ParamDefinition def in definition.Parameters.Where(p => p.Required))
            {
                Report(DiagnosticDescriptors.MissingField, At(typeNode), "layer '" + type + "'", def.Key, def.Description);
            }
        }

        string name = explicitName ?? NextName(type);
        return new LayerSpec(type, name, parameters.ToEquatableArray(), null, At(typeNode));
    }

    private LayerSpec? ReadTimeDistributed(YamlNode typeNode, YamlNode body, string? explicitName)
    {
        if (body is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongType, At(body), "time_distributed", "the wrapped layer, e.g. '{ dense: { units: 7 } }'", Describe(body));
            return null;
        }

        YamlNode? nameNode = map.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == "name").Value;
        if (nameNode is not null)
        {
            explicitName = LayerName(nameNode) ?? explicitName;
        }

        var innerMap = new YamlMappingNode(map.Children.Where(c => (c.Key as YamlScalarNode)?.Value != "name"));
        if (innerMap.Children.Count == 1 && (innerMap.Children.First().Key as YamlScalarNode)?.Value == "time_distributed")
        {
            Report(DiagnosticDescriptors.MalformedLayer, At(body), "time_distributed cannot wrap another time_distributed");
            return null;
        }

        LayerSpec? inner = innerMap.Children.Count == 1 ? ReadLayer(innerMap, allowWrapper: false) : null;
        if (innerMap.Children.Count != 1)
        {
            Report(DiagnosticDescriptors.MalformedLayer, At(body), "time_distributed wraps exactly one layer, e.g. '- time_distributed: { dense: { units: 7 } }'");
        }

        if (inner is null)
        {
            return null;
        }

        string name = explicitName ?? inner.Name;
        return new LayerSpec("time_distributed", name, EquatableArray<LayerParam>.Empty, inner with { Name = name }, At(typeNode));
    }

    private ParamValue? ReadValue(YamlNode node, ParamDefinition def, string field)
    {
        if (node is YamlSequenceNode seq)
        {
            if (def.Type != ParamType.IntOrList)
            {
                Report(DiagnosticDescriptors.WrongType, At(node), field, def.TypeName, "a list");
                return null;
            }

            var values = new List<long>();
            foreach (YamlNode child in seq)
            {
                string? t = (child as YamlScalarNode)?.Value;
                if (t is not null && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0 && v <= MaxSize)
                {
                    values.Add(v);
                }
                else
                {
                    Report(DiagnosticDescriptors.WrongType, At(child), field, "a list of positive integers", Describe(child));
                    return null;
                }
            }

            if (values.Count == 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, At(node), field, "[]", "give at least one size");
                return null;
            }

            return ParamValue.OfInts(values.ToEquatableArray(), "[" + string.Join(", ", values.Select(Invariant.Of)) + "]");
        }

        if (node is not YamlScalarNode scalar)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), field, def.TypeName, Describe(node));
            return null;
        }

        string text = scalar.Value ?? string.Empty;
        bool plain = scalar.Style == ScalarStyle.Plain;
        if (plain && text.StartsWith("$", StringComparison.Ordinal))
        {
            return ReadOptionRef(node, def, field, text.Substring(1));
        }

        switch (def.Type)
        {
            case ParamType.Int:
            case ParamType.IntOrList:
                if (plain && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i))
                {
                    if (i < 0 || (i == 0 && def.Key is not "padding_idx"))
                    {
                        Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, "must be a positive integer");
                        return null;
                    }

                    if (i > MaxSize)
                    {
                        Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, "must be at most " + Invariant.Of(MaxSize));
                        return null;
                    }

                    return def.Type == ParamType.Int ? ParamValue.OfInt(i, text) : ParamValue.OfInts(new EquatableArray<long>([i]), text);
                }

                break;
            case ParamType.Float:
                if (plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f))
                {
                    if (f < 0 || double.IsNaN(f) || double.IsInfinity(f) || (def.Key is "rate" or "dropout" && f >= 1))
                    {
                        Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, def.Key is "rate" or "dropout" ? "a rate is in [0, 1)" : "must be a finite, non-negative number");
                        return null;
                    }

                    return ParamValue.OfFloat(f, text);
                }

                break;
            case ParamType.Bool:
                if (plain && (text == "true" || text == "false"))
                {
                    return ParamValue.OfBool(text == "true", text);
                }

                break;
            case ParamType.Choice:
                if (Array.IndexOf(def.Choices, text) >= 0)
                {
                    return ParamValue.OfString(text);
                }

                string? closest = Naming.Closest(text, def.Choices);
                Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, "use " + def.TypeName + (closest is null ? string.Empty : $" (did you mean '{closest}'?)"));
                return null;
        }

        Report(DiagnosticDescriptors.WrongType, At(node), field, def.TypeName, Describe(node));
        return null;
    }

    private ParamValue? ReadOptionRef(YamlNode node, ParamDefinition def, string field, string option)
    {
        if (!def.AllowsOption)
        {
            Report(DiagnosticDescriptors.InvalidValue, At(node), field, "$" + option, "only sizes (units, filters, dim) and rates can refer to options; write a literal here");
            return null;
        }

        if (!options.TryGetValue(option, out OptionSpec? spec))
        {
            string? closest = Naming.Closest(option, options.Keys);
            Report(DiagnosticDescriptors.UnknownOption, At(node), field, option, closest is null ? "; declare it, e.g. 'options: { " + option + ": 128 }'" : $"; did you mean '${closest}'?");
            return null;
        }

        ParamValue d = spec.Default;
        if (def.Type == ParamType.Int && d.Kind != ParamKind.Int)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), field, "an integer (option '" + option + "' is " + d.Text + ")", "a number with a fraction");
            return null;
        }

        return d with { OptionRef = option };
    }

    private static ParamValue? TryNumber(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i))
        {
            return ParamValue.OfInt(i, text);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && !double.IsNaN(f) && !double.IsInfinity(f)
            ? ParamValue.OfFloat(f, text)
            : null;
    }

    private string? LayerName(YamlNode node)
    {
        string? text = Scalar(node, "name");
        if (text is null)
        {
            return null;
        }

        if (!Naming.IsIdentifier(text))
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, At(node), text, "field name", "layer names become fields; use letters, digits and '_', e.g. 'conv_in'");
            return null;
        }

        return text;
    }

    private string NextName(string type)
    {
        typeCounters.TryGetValue(type, out int n);
        typeCounters[type] = n + 1;
        return type + "_" + n.ToString(CultureInfo.InvariantCulture);
    }

    private void CheckDuplicateNames(IEnumerable<LayerSpec> layers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (LayerSpec layer in layers)
        {
            if (!seen.Add(layer.Name))
            {
                Report(DiagnosticDescriptors.DuplicateLayerName, layer.Location, layer.Name);
            }
        }
    }

    private string? RequiredIdentifier(Dictionary<string, YamlNode> fields, string key, YamlNode owner, string ownerName, string what, string example)
    {
        if (!fields.TryGetValue(key, out YamlNode? node))
        {
            Report(DiagnosticDescriptors.MissingField, At(owner), ownerName, key, example);
            return null;
        }

        string? text = Scalar(node, key);
        if (text is null)
        {
            return null;
        }

        if (!Naming.IsIdentifier(text))
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, At(node), text, what, "use letters, digits and '_', starting with a letter, and not a C# keyword");
            return null;
        }

        return text;
    }

    private TensorSpec? MissingTop(YamlNode root, string key, string example)
    {
        Report(DiagnosticDescriptors.MissingField, At(root), "the spec", key, example);
        return null;
    }

    private Dictionary<string, YamlNode> ReadMapping(YamlMappingNode map, string[] knownKeys, string owner)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            string key = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(knownKeys, key) < 0)
            {
                string? closest = Naming.Closest(key, knownKeys);
                Report(DiagnosticDescriptors.UnknownKey, At(entry.Key), key, owner, closest is null ? "; valid keys: " + string.Join(", ", knownKeys) : $"; did you mean '{closest}'?");
                continue;
            }

            result[key] = entry.Value;
        }

        return result;
    }

    private string? Scalar(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
        {
            return scalar.Value;
        }

        Report(DiagnosticDescriptors.WrongType, At(node), field, "a text value", Describe(node));
        return null;
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode s && string.IsNullOrEmpty(s.Value) && s.Style == ScalarStyle.Plain;

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "empty",
        YamlScalarNode s => "'" + s.Value + "'",
        _ => "something else",
    };

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

    private LocationInfo At(YamlNode node) => At(node.Start, node.End);

    private LocationInfo At(Mark start, Mark end) =>
        LocationInfo.FromYaml(path, start.Index, start.Line, start.Column, end.Index, end.Line, end.Column);

    private LocationInfo FileStart() => LocationInfo.FromYaml(path, 0, 1, 1, 0, 1, 1);

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is already on the diagnostic.
        int colon = message.IndexOf("): ", StringComparison.Ordinal);
        return colon >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(colon + 3) : message;
    }
}
