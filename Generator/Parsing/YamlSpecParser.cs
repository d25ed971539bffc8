using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Model.Sections;
using QuickDrawDsl.Generator.Naming;
using QuickDrawDsl.Generator.Parsing.Sections;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// Reads a <c>*.model.yaml</c> file into a <see cref="ModelSpec"/>. Every problem becomes a located diagnostic;
/// the parser keeps going after an error so one build reports all of them.
/// </summary>
internal sealed class YamlSpecParser
{
    private static readonly string[] TopLevelKeys = ["model", "namespace", "kind", "description", "input", "output", "labels", "options", "layers", "decoder", SectionCatalog.TrainingKey, SectionCatalog.DataKey];
    private static readonly string[] TensorKeys = ["name", "shape", "dtype"];
    private static readonly string[] Kinds = ["sequential", "seq2vec", "seq2seq", "vec2seq"];
    private static readonly string[] DecoderKeys = ["cell", "units", "num_layers", "steps", "condition", "head"];
    private static readonly string[] ResidualKeys = ["layers", "activation", "name"];

    private readonly string path;
    private readonly SpecText lines;
    private readonly List<DiagnosticInfo> diagnostics = [];
    private Dictionary<string, int> typeCounters = new(StringComparer.Ordinal);

    /// <summary>What default layer names start with: empty, or the enclosing residual block's name and '_'.</summary>
    private string namePrefix = string.Empty;
    private Dictionary<string, OptionSpec> options = new(StringComparer.Ordinal);

    private YamlSpecParser(string path, string text)
    {
        this.path = path;
        lines = new SpecText(path, text);
    }

    public static Result<ModelSpec> Parse(string path, string text, string defaultNamespace)
    {
        var parser = new YamlSpecParser(path, text);
        ModelSpec? spec = null;
        try
        {
            spec = parser.ParseDocument(text, defaultNamespace);
        }
        catch (TooManyErrorsException)
        {
            // Reported as the last diagnostic; the ones before it are the first errors of the file.
        }

        return new Result<ModelSpec>(parser.diagnostics.Any() ? null : spec, parser.diagnostics.ToEquatableArray());
    }

    private ModelSpec? ParseDocument(string text, string defaultNamespace)
    {
        // Limits and characters are checked on the text, before YamlDotNet reads it.
        if (text.Length > SpecLimits.MaxCharacters)
        {
            Report(DiagnosticDescriptors.LimitExceeded, lines.Start(), $"The spec ({Invariant.Grouped(text.Length)} characters)",
                Invariant.Grouped(SpecLimits.MaxCharacters) + " characters", "split the model, or shorten its labels and descriptions");
            return null;
        }

        if (SpecCharacters.FindInvalid(text) is var (index, count))
        {
            string more = count > 1 ? $" (and {Invariant.Grouped(count - 1)} more after it)" : string.Empty;
            Report(DiagnosticDescriptors.InvalidCharacter, lines.AtCharacter(index), "The spec file contains " + Identifiers.Describe(text[index]) + more,
                SpecCharacters.FileProblem(text[index]));
        }

        YamlStream? stream = Load(text);
        if (stream is null)
        {
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            LocationInfo? at = stream.Documents.Count > 0 ? At(stream.Documents[0].RootNode) : lines.Start();
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
        if (!fields.ContainsKey("namespace") && !Identifiers.IsCSharpNamespace(defaultNamespace))
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, fields.TryGetValue("model", out YamlNode? at) ? At(at) : At(root), defaultNamespace, "namespace",
                "the project's RootNamespace is not a C# namespace; give the spec one, e.g. 'namespace: MyApp.Models'");
        }

        if (fields.TryGetValue("namespace", out YamlNode? nsNode) && Scalar(nsNode, "namespace") is { } nsText)
        {
            if (Identifiers.NamespaceProblem(nsText) is { } problem)
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, At(nsNode), nsText, "namespace", problem);
            }
            else
            {
                ns = nsText;
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

        string? description = fields.TryGetValue("description", out YamlNode? d) ? Text(d, "description", multiline: true) : null;

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
                    if (Text(item, "labels[" + Invariant.Of(labels.Count) + "]", multiline: false) is { } label)
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
                if (WithinLayerLimit(list, 0))
                {
                    foreach (YamlNode item in list)
                    {
                        if (ReadLayer(item, allowWrapper: true) is { } layer)
                        {
                            layers.Add(layer);
                        }
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

        DecoderSpec? decoder = fields.TryGetValue("decoder", out YamlNode? decNode) ? ReadDecoder(decNode, layers.Count) : null;

        CheckDuplicateNames(layers.Concat(decoder?.Head ?? EquatableArray<LayerSpec>.Empty), decoder is not null);

        SectionSpec? training = ReadSection(fields, SectionCatalog.TrainingKey);
        SectionSpec? data = ReadSection(fields, SectionCatalog.DataKey);
        SectionChecks.Check(training, data, input, output, labels.Count, Report);

        if (name is null || input is null)
        {
            return null;
        }

        var spec = new ModelSpec(
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
            Accessibility: "public",
            Training: training,
            Data: data);
        foreach (DiagnosticInfo collision in NameCollisions.Find(spec))
        {
            Add(collision);
        }

        return spec;
    }

    /// <summary>The <c>training:</c> or <c>data:</c> section, read by <see cref="SectionReader"/>; null when absent or not a mapping.</summary>
    private SectionSpec? ReadSection(Dictionary<string, YamlNode> fields, string key) =>
        fields.TryGetValue(key, out YamlNode? node) ? new SectionReader(At, Report).Read(node, key) : null;

    /// <summary>
    /// Loads the YAML, stopping at <see cref="SpecLimits.MaxDepth"/> before YamlDotNet's recursive loader goes
    /// deeper; a syntax error is located where YamlDotNet's scanner stopped when its own mark is the file's start
    /// (it reports a tab used as indentation, or an unknown alias, at line 1, column 1).
    /// </summary>
    private YamlStream? Load(string text)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new GuardedYamlParser(new Parser(scanner)));
            return stream;
        }
        catch (GuardedYamlParser.RejectedException ex) when (ex.Reason == GuardedYamlParser.Rejection.TooDeep)
        {
            Report(DiagnosticDescriptors.LimitExceeded, At(ex.At, ex.At), "The nesting of mappings and lists",
                Invariant.Of(SpecLimits.MaxDepth) + " levels", "a model spec needs about 7; look for unclosed brackets or a runaway structure here");
        }
        catch (GuardedYamlParser.RejectedException ex)
        {
            Report(DiagnosticDescriptors.YamlSyntax, At(ex.At, ex.At), ex.Reason == GuardedYamlParser.Rejection.ComplexKey
                ? "a key must be a plain name, not a mapping, a list or an alias"
                : "this alias refers to a mapping or list it is part of, which would make the spec infinite; copy the values instead");
        }
        catch (YamlException ex)
        {
            Mark start = ex.Start.Index == 0 && scanner.CurrentPosition.Index > 0 ? scanner.CurrentPosition : ex.Start;
            Mark end = ex.Start.Index == 0 && scanner.CurrentPosition.Index > 0 ? scanner.CurrentPosition : ex.End;
            Report(DiagnosticDescriptors.YamlSyntax, At(start, end), CleanMessage(ex.Message));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's loader throws these on some malformed input (a truncated flow collection, an empty key
            // before a nested mapping); locate it by the scanner.
            Mark at = scanner.CurrentPosition;
            Report(DiagnosticDescriptors.YamlSyntax, At(at, at), "cannot read past this point; check above for an unclosed '{', '[' or quote, or a key missing before ':'");
        }

        return null;
    }

    private bool WithinLayerLimit(YamlSequenceNode list, int before)
    {
        if (before + list.Children.Count <= SpecLimits.MaxLayers)
        {
            return true;
        }

        YamlNode first = list.Children[Math.Max(0, SpecLimits.MaxLayers - before)];
        Report(DiagnosticDescriptors.LimitExceeded, At(first), $"The model's {Invariant.Grouped(before + list.Children.Count)} layers",
            Invariant.Grouped(SpecLimits.MaxLayers) + " layers", "split it into models that call each other, or generate the repeated part in code");
        return false;
    }

    private ModelKind InvalidKind(YamlNode node, string text)
    {
        string? closest = Suggestions.Closest(text, Kinds);
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
            if (Identifiers.Problem(key, Identifiers.Role.Option) is { } problem)
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, At(entry.Key), key, "option name", problem);
                continue;
            }

            if (entry.Value is YamlScalarNode { Style: ScalarStyle.Plain } huge && ParamRules.IsHugeInteger(huge.Value ?? string.Empty))
            {
                Report(DiagnosticDescriptors.InvalidValue, At(entry.Value), "options." + key, huge.Value, "an integer option is a whole number from " + Invariant.Of(long.MinValue) + " to " + Invariant.Of(long.MaxValue));
            }
            else if (entry.Value is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain && TryNumber(scalar.Value ?? string.Empty) is { } value)
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
        LocationInfo? nameLocation = null;
        if (fields.TryGetValue("name", out YamlNode? nameNode) && Scalar(nameNode, field + ".name") is { } n)
        {
            nameLocation = At(nameNode);
            if (Identifiers.Problem(n, Identifiers.Role.Parameter) is { } problem)
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, At(nameNode), n, "parameter name", WithExample(problem, field == "input" ? "strokes" : "logits"));
            }
            else
            {
                name = n;
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
            if (text is not null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long size) && size > 0 && size <= SpecLimits.MaxSize)
            {
                shape.Add(Dim.Fixed(size));
            }
            else if (allowSymbols && text is not null && text.Length > 0 && char.IsLetter(text[0]) && Identifiers.Problem(text, Identifiers.Role.Axis) is null)
            {
                shape.Add(Dim.Symbol(text));
            }
            else
            {
                string problem = text is not null && text.Length > 0 && char.IsLetter(text[0]) && Identifiers.Problem(text, Identifiers.Role.Axis) is { } p
                    ? "an axis name " + p.Replace("a name", "it")
                    : "each dimension is a whole number from 1 to " + Invariant.Of(SpecLimits.MaxSize) + " or an axis name such as 'time'";
                Report(DiagnosticDescriptors.InvalidValue, At(dimNode), field + ".shape", text ?? Describe(dimNode), problem);
                ok = false;
            }
        }

        return ok ? new TensorSpec(name, shape.ToEquatableArray(), dtype, At(map), At(shapeNode), nameLocation) : null;
    }

    private DecoderSpec? ReadDecoder(YamlNode node, int layerCount)
    {
        if (node is not YamlMappingNode map)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), "decoder", "a mapping, e.g. '{ cell: gru, units: 64, steps: 7, head: [ { dense: { units: 1 } } ] }'", Describe(node));
            return null;
        }

        Dictionary<string, YamlNode> fields = ReadMapping(map, DecoderKeys, "'decoder'");
        var parameters = new List<LayerParam>();
        foreach (ParamDefinition def in LayerCatalog.DecoderParameters)
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
                if (WithinLayerLimit(list, layerCount))
                {
                    foreach (YamlNode item in list)
                    {
                        if (ReadLayer(item, allowWrapper: false) is { } layer)
                        {
                            head.Add(layer);
                        }
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
            ReportMalformed(item, typeEntries);
            return null;
        }

        YamlNode typeNode = typeEntries[0].Key;
        YamlNode body = typeEntries[0].Value;
        string type = (typeNode as YamlScalarNode)?.Value ?? string.Empty;
        LayerDefinition? definition = LayerCatalog.Find(type);
        if (definition is null)
        {
            string? closest = Suggestions.Closest(type, LayerCatalog.Types);
            Report(DiagnosticDescriptors.UnknownLayer, At(typeNode), type, closest is null ? "; valid types: " + string.Join(", ", LayerCatalog.Types) : $"; did you mean '{closest}'?");
            return null;
        }

        string? explicitName = null;
        YamlNode? outerName = entry.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == "name").Value;
        if (outerName is not null)
        {
            explicitName = LayerName(outerName);
        }

        if (type == "residual")
        {
            if (!allowWrapper)
            {
                Report(DiagnosticDescriptors.MalformedLayer, At(typeNode), "a residual block belongs in 'layers:' or in another residual block, not in decoder.head or time_distributed; put time_distributed inside the block instead");
                return null;
            }

            return ReadResidual(typeNode, body, explicitName);
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

    /// <summary>
    /// A layer item with several keys. When the others are parameters of the first, the usual cause is indentation
    /// ('- dense:' then 'units: 10' at the column of 'dense'), so the advice is to indent them, not to split the item.
    /// </summary>
    private void ReportMalformed(YamlNode item, KeyValuePair<YamlNode, YamlNode>[] entries)
    {
        if (entries.Length == 0)
        {
            Report(DiagnosticDescriptors.MalformedLayer, At(item), "found only 'name'; add the layer type");
            return;
        }

        string KeyOf(KeyValuePair<YamlNode, YamlNode> e) => (e.Key as YamlScalarNode)?.Value ?? string.Empty;
        int lead = Array.FindIndex(entries, e => LayerCatalog.Find(KeyOf(e)) is not null);
        LayerDefinition? definition = lead >= 0 ? LayerCatalog.Find(KeyOf(entries[lead])) : null;
        KeyValuePair<YamlNode, YamlNode>[] others = entries.Where((_, i) => i != lead).ToArray();
        if (definition is not null && others.All(e => definition.Find(KeyOf(e)) is not null))
        {
            string type = definition.Type;
            string key = KeyOf(others[0]);
            string advice = IsEmpty(entries[lead].Value)
                ? $"'{key}' is a parameter of '{type}' but is not indented under it; indent it further than '{type}:', or write '- {type}: {{ {key}: ... }}'"
                : $"'{key}' is a parameter of '{type}' but sits outside its parameters; move it into '{type}: {{ ... }}'";
            Report(DiagnosticDescriptors.MalformedLayer, At(others[0].Key), advice);
            return;
        }

        string[] types = entries.Select(KeyOf).Where(k => LayerCatalog.Find(k) is not null).ToArray();
        string found = types.Length > 1
            ? $"found {Invariant.Of(types.Length)} layer types ({string.Join(", ", types)})"
            : $"found {Invariant.Of(entries.Length)} keys ({string.Join(", ", entries.Select(KeyOf))})";
        Report(DiagnosticDescriptors.MalformedLayer, At(item), found + "; write one layer per list item");
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

    /// <summary>
    /// A residual block: its layers as a list ('- residual: [ ... ]'), or a mapping with 'layers' and the optional
    /// 'activation' and 'name'. Default names inside start with the block's name ('residual_0_conv1d_0').
    /// </summary>
    private LayerSpec? ReadResidual(YamlNode typeNode, YamlNode body, string? explicitName)
    {
        YamlNode? layersNode = body;
        var parameters = new List<LayerParam>();
        if (body is YamlMappingNode map)
        {
            Dictionary<string, YamlNode> fields = ReadMapping(map, ResidualKeys, "layer 'residual'");
            if (fields.TryGetValue("name", out YamlNode? nameNode))
            {
                explicitName = LayerName(nameNode) ?? explicitName;
            }

            if (fields.TryGetValue("activation", out YamlNode? fnNode) && ReadValue(fnNode, LayerCatalog.Find("residual")!.Find("activation")!, "residual.activation") is { } fn)
            {
                parameters.Add(new LayerParam("activation", fn, At(fnNode)));
            }

            if (!fields.TryGetValue("layers", out layersNode))
            {
                Report(DiagnosticDescriptors.MissingField, At(typeNode), "layer 'residual'", "layers", "the block's layers, e.g. 'layers: [ { dense: { units: 16 } } ]'");
                return null;
            }
        }

        if (layersNode is not YamlSequenceNode list)
        {
            Report(DiagnosticDescriptors.WrongType, At(layersNode), "residual", "a list of layers, e.g. '- residual: [ { conv1d: { filters: 32, kernel: 3, padding: causal } } ]'", Describe(layersNode));
            return null;
        }

        if (list.Children.Count == 0)
        {
            Report(DiagnosticDescriptors.InvalidValue, At(list), "residual.layers", "[]", "give the block at least one layer");
            return null;
        }

        string name = explicitName ?? NextName("residual");
        var layers = new List<LayerSpec>();
        if (WithinLayerLimit(list, 0))
        {
            Dictionary<string, int> outerCounters = typeCounters;
            string outerPrefix = namePrefix;
            typeCounters = new Dictionary<string, int>(StringComparer.Ordinal);
            namePrefix = name + "_";
            foreach (YamlNode item in list)
            {
                if (ReadLayer(item, allowWrapper: true) is { } layer)
                {
                    layers.Add(layer);
                }
            }

            typeCounters = outerCounters;
            namePrefix = outerPrefix;
        }

        return layers.Count == list.Children.Count
            ? new LayerSpec("residual", name, parameters.ToEquatableArray(), null, At(typeNode)) { Block = layers.ToEquatableArray() }
            : null;
    }

    private ParamValue? ReadValue(YamlNode node, ParamDefinition def, string field)
    {
        if (node is YamlSequenceNode seq)
        {
            if (def.Type is not (ParamType.IntOrList or ParamType.Padding))
            {
                Report(DiagnosticDescriptors.WrongType, At(node), field, def.TypeName, "a list");
                return null;
            }

            var values = new List<long>();
            foreach (YamlNode child in seq)
            {
                string? t = (child as YamlScalarNode)?.Value;
                if (t is not null && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                {
                    if (!ParamRules.Accepts(def.Rule, ParamValue.OfInt(v, t)))
                    {
                        Report(DiagnosticDescriptors.InvalidValue, At(child), field, t, "each value must be " + ParamRules.Describe(def.Rule));
                        return null;
                    }

                    values.Add(v);
                }
                else if (t is not null && ParamRules.IsHugeInteger(t))
                {
                    Report(DiagnosticDescriptors.InvalidValue, At(child), field, t, "each value must be " + ParamRules.Describe(def.Rule));
                    return null;
                }
                else
                {
                    Report(DiagnosticDescriptors.WrongType, At(child), field, "a list of whole numbers", Describe(child));
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
                    ParamValue value = def.Type == ParamType.Int ? ParamValue.OfInt(i, text) : ParamValue.OfInts(new EquatableArray<long>([i]), text);
                    return Checked(node, def, field, value, text);
                }

                if (plain && ParamRules.IsHugeInteger(text))
                {
                    Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, "must be " + ParamRules.Describe(def.Rule));
                    return null;
                }

                break;
            case ParamType.Float:
                if (plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && !double.IsNaN(f))
                {
                    return Checked(node, def, field, ParamValue.OfFloat(f, text), text);
                }

                break;
            case ParamType.Bool:
                if (plain && (text == "true" || text == "false"))
                {
                    return ParamValue.OfBool(text == "true", text);
                }

                break;
            case ParamType.Padding:
                if (plain && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long pad))
                {
                    return Checked(node, def, field, ParamValue.OfInts(new EquatableArray<long>([pad]), text), text);
                }

                goto case ParamType.Choice;
            case ParamType.Choice:
                if (Array.IndexOf(def.Choices, text) >= 0)
                {
                    return ParamValue.OfString(text);
                }

                if (def.Type == ParamType.Padding && Array.IndexOf(LayerCatalog.SequencePaddings, text) >= 0)
                {
                    Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, text + " padding is for conv1d over time; use " + def.TypeName);
                    return null;
                }

                string? closest = Suggestions.Closest(text, def.Choices);
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
            string? closest = Suggestions.Closest(option, options.Keys);
            Report(DiagnosticDescriptors.UnknownOption, At(node), field, option, closest is null ? "; declare it, e.g. 'options: { " + option + ": 128 }'" : $"; did you mean '${closest}'?");
            return null;
        }

        ParamValue d = spec.Default;
        if (def.Type == ParamType.Int && d.Kind != ParamKind.Int)
        {
            Report(DiagnosticDescriptors.WrongType, At(node), field, "an integer (option '" + option + "' is " + d.Text + ")", "a number with a fraction");
            return null;
        }

        // The option's default stands for a literal here, so it must pass the literal's rule; overrides are checked
        // against the same rule by the generated constructor.
        if (!ParamRules.Accepts(def.Rule, d))
        {
            Report(DiagnosticDescriptors.InvalidValue, At(node), field, "$" + option + " = " + d.Text, "must be " + ParamRules.Describe(def.Rule) + "; change the default of option '" + option + "'");
            return null;
        }

        return d with { OptionRef = option };
    }

    private ParamValue? Checked(YamlNode node, ParamDefinition def, string field, ParamValue value, string text)
    {
        if (ParamRules.Accepts(def.Rule, value))
        {
            return value;
        }

        Report(DiagnosticDescriptors.InvalidValue, At(node), field, text, "must be " + ParamRules.Describe(def.Rule));
        return null;
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

        if (Identifiers.Problem(text, Identifiers.Role.Layer) is { } problem)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, At(node), text, "layer name", WithExample(problem, "conv_in"));
            return null;
        }

        return text;
    }

    private string NextName(string type)
    {
        typeCounters.TryGetValue(type, out int n);
        typeCounters[type] = n + 1;
        return namePrefix + type + "_" + n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Layer names are the submodules' names in the state dict, where the decoder's module is 'decoder'.</summary>
    private void CheckDuplicateNames(IEnumerable<LayerSpec> layers, bool hasDecoder)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (hasDecoder)
        {
            seen.Add(GeneratedNames.DecoderComponent);
        }

        foreach (LayerSpec layer in layers.SelectMany(Nested))
        {
            if (!seen.Add(layer.Name))
            {
                Report(DiagnosticDescriptors.DuplicateLayerName, layer.Location, layer.Name);
            }

            // A residual block may get a projection field named after it.
            if (layer.Block.Count > 0 && !seen.Add(layer.Name + ResidualFamily.ProjectionSuffix))
            {
                Report(DiagnosticDescriptors.DuplicateLayerName, layer.Location, layer.Name + ResidualFamily.ProjectionSuffix);
            }
        }
    }

    /// <summary>A layer, then the layers of its residual block, depth first.</summary>
    private static IEnumerable<LayerSpec> Nested(LayerSpec layer) => new[] { layer }.Concat(layer.Block.SelectMany(Nested));

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

        if (Identifiers.Problem(text, Identifiers.Role.Model) is { } problem)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, At(node), text, what, problem);
            return null;
        }

        return text;
    }

    private static string WithExample(string problem, string example) =>
        problem.IndexOf("e.g.", StringComparison.Ordinal) >= 0 ? problem : problem + " (e.g. '" + example + "')";

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
                string? closest = Suggestions.Closest(key, knownKeys);
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

    /// <summary>A text value (description, label): a scalar without control characters (a description may span lines).</summary>
    private string? Text(YamlNode node, string field, bool multiline)
    {
        string? text = Scalar(node, field);
        if (text is not null && SpecCharacters.TextProblem(text, multiline) is { } problem)
        {
            Report(DiagnosticDescriptors.InvalidCharacter, At(node), "'" + field + "'", problem);
            return null;
        }

        return text;
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
        Add(DiagnosticInfo.Create(descriptor, location, args));

    private void Add(DiagnosticInfo diagnostic)
    {
        diagnostics.Add(diagnostic);
        if (diagnostics.Count == SpecLimits.MaxErrors)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LimitExceeded, diagnostic.Location, "The number of errors in this spec",
                Invariant.Of(SpecLimits.MaxErrors) + " errors", "fix the errors above and build again to see the rest"));
            throw new TooManyErrorsException();
        }
    }

    /// <summary>Stops the parser at <see cref="SpecLimits.MaxErrors"/>: an alias repeated over thousands of layers must not multiply its errors.</summary>
    private sealed class TooManyErrorsException : Exception
    {
    }

    private LocationInfo At(YamlNode node) => At(node.Start, node.End);

    private LocationInfo At(Mark start, Mark end) => lines.At(start.Index, end.Index);

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is already on the diagnostic.
        int colon = message.IndexOf("): ", StringComparison.Ordinal);
        return colon >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(colon + 3) : message;
    }
}
