using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Model.Sections;

namespace QuickDrawDsl.Generator.Tests.Fuzz;

/// <summary>
/// Random model specs drawn from the spec grammar itself: every top-level key, every layer type of
/// <see cref="LayerCatalog"/> with its parameters, values at and beyond the edges of each rule, option references,
/// and names and texts from <see cref="NamePool"/>, written in flow or block style with plain, quoted or raw
/// scalars. Layers follow the shape the previous ones produce most of the time, so a good share of the specs is
/// accepted and its generated code gets compiled; the rest probes every diagnostic.
/// </summary>
internal sealed class RandomSpec
{
    private static readonly string[] Kinds = ["sequential", "seq2vec", "seq2seq", "vec2seq"];

    private static readonly string[] EdgeInts = ["0", "-1", "16777216", "16777217", "9223372036854775807", "99999999999999999999", "1.5", "two", "1e3", "0x10", "+3", "~", "[]"];

    private static readonly string[] EdgeRates = ["1", "1.0", "-0.1", "0.999", "NaN", ".inf", "1e-300", "0", "half"];

    private readonly Random random;
    private readonly int index;
    private readonly List<string> optionNames = [];
    private readonly StringBuilder yaml = new();
    private readonly string newline;

    private RandomSpec(int seed, int index)
    {
        random = new Random(seed);
        this.index = index;
        newline = Chance(0.05) ? "\r\n" : "\n";
    }

    /// <summary>The namespace every spec of case <paramref name="index"/> starts with, so cases never share a type name.</summary>
    public static string NamespacePrefix(int index) => "F" + index.ToString(CultureInfo.InvariantCulture);

    public static string Generate(int seed, int index) => new RandomSpec(seed, index).Write();

    private enum Family
    {
        Vector,
        Sequence,
        Tokens,
        Image,
        Clip,
        ImageSequence,
    }

    private string Write()
    {
        string kind = Chance(0.03) ? Pick(["seq2vex", "", "Sequential"]) : Pick(Kinds);
        Family family = kind switch
        {
            "seq2vec" or "seq2seq" => Pick([Family.Sequence, Family.Sequence, Family.Tokens, Family.ImageSequence]),
            "vec2seq" => Family.Vector,
            _ => Pick([Family.Vector, Family.Sequence, Family.Image, Family.Clip, Family.Tokens, Family.ImageSequence]),
        };

        Line("model: " + Scalar(Name(0.2, upper: true)));
        Line("namespace: " + Scalar(NamespacePrefix(index) + (Chance(0.25) ? "." + Name(0.5, upper: false) : string.Empty)));
        if (kind.Length > 0)
        {
            Line("kind: " + kind);
        }

        if (Chance(0.3))
        {
            Line("description: " + Text(multiline: true));
        }

        if (Chance(0.2))
        {
            Line("labels: [" + string.Join(", ", Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Text(multiline: false))) + "]");
        }

        if (Chance(0.3))
        {
            int count = 1 + random.Next(3);
            Line("options:");
            for (int i = 0; i < count; i++)
            {
                string name = Name(0.15, upper: false);
                optionNames.Add(name);
                Line("  " + Scalar(name) + ": " + Pick(["8", "4", "16", "0.25", "0.5", "0", "-5", "2", "1e-3", "9223372036854775807", "12", "3"]));
            }
        }

        (string inputShape, string dtype) = family switch
        {
            Family.Vector => ($"[{Size(16)}]", string.Empty),
            Family.Sequence => ($"[{Axis()}, {Size(8)}]", string.Empty),
            Family.Tokens => ($"[{Axis()}]", ", dtype: int64"),
            Family.Image => ($"[{Size(3)}, {Size(12, 4)}, {Size(12, 4)}]", string.Empty),
            Family.Clip => ($"[{Size(3)}, {Size(6, 2)}, {Size(8, 4)}, {Size(8, 4)}]", string.Empty),
            _ => ($"[{Axis()}, {Size(3)}, {Size(8, 4)}, {Size(8, 4)}]", string.Empty),
        };
        string input = Chance(0.7) ? "name: " + Scalar(Name(0.3, upper: false)) + ", " : string.Empty;
        Line($"input: {{ {input}shape: {inputShape}{dtype} }}");

        bool decoder = kind is "seq2seq" or "vec2seq" && Chance(0.35);
        long steps = 1 + random.Next(6);
        if (decoder || kind == "vec2seq" || Chance(0.1))
        {
            string output = Chance(0.6) ? "name: " + Scalar(Name(0.3, upper: false)) + ", " : string.Empty;
            string shape = decoder || kind == "vec2seq" ? $"[{steps}, {Size(4)}]" : $"[{Size(8)}]";
            Line($"output: {{ {output}shape: {shape} }}");
        }

        int layers = Chance(0.02) ? 0 : 1 + random.Next(Chance(0.1) ? 10 : 5);
        Line(layers == 0 ? "layers: []" : "layers:");
        for (int i = 0; i < layers; i++)
        {
            family = WriteLayer(family, kind, last: i == layers - 1 && !decoder, indent: "  ");
        }

        if (decoder)
        {
            Line("decoder:");
            Line("  cell: " + Pick(["lstm", "gru", "rnn", "lstm", "gru", "gur"]));
            Line("  units: " + SizeOrOption(16));
            if (Chance(0.3))
            {
                Line("  num_layers: " + Pick(["1", "2", "0"]));
            }

            if (Chance(0.3))
            {
                Line("  steps: " + steps.ToString(CultureInfo.InvariantCulture));
            }

            Line("  head:");
            int head = 1 + random.Next(2);
            for (int i = 0; i < head; i++)
            {
                WriteLayer(Family.Vector, "head", last: i == head - 1, indent: "    ");
            }
        }

        if (Chance(0.15))
        {
            WriteSection(SectionCatalog.TrainingKey, SectionCatalog.TrainingSettings);
        }

        if (Chance(0.15))
        {
            WriteSection(SectionCatalog.DataKey, SectionCatalog.DataSettings);
        }

        string text = yaml.ToString();
        return Chance(0.04) ? Mutate(text) : text;
    }

    /// <summary>
    /// A <c>training:</c> or <c>data:</c> section of a few keys from <see cref="SectionCatalog"/> (now and then a
    /// misspelt one), with values inside and at or beyond the edges of each key's rule.
    /// </summary>
    private void WriteSection(string section, IReadOnlyList<SettingDefinition> settings)
    {
        if (Chance(0.05))
        {
            Line(section + ":");
            return;
        }

        Line(section + ":");
        if (section == SectionCatalog.DataKey && Chance(0.9))
        {
            Line("  format: " + Pick([.. settings[0].Choices, "csvv"]));
        }

        foreach (SettingDefinition setting in settings.Where(s => s.Key != "format" && Chance(0.12)))
        {
            if (setting.Kind == SettingKind.Group)
            {
                Line("  " + setting.Key + ":" + (Chance(0.1) ? " {}" : string.Empty));
                foreach (SettingDefinition child in setting.Children.Where(_ => Chance(0.5)))
                {
                    Line("    " + child.Key + ": " + SettingValue(child));
                }

                continue;
            }

            Line("  " + (Chance(0.03) ? setting.Key + "s" : setting.Key) + ": " + SettingValue(setting));
        }
    }

    private string SettingValue(SettingDefinition setting) => setting.Kind switch
    {
        SettingKind.Int or SettingKind.Long => Chance(0.9) ? Pick(["1", "2", "3", "5", "10", "64"]) : Pick(EdgeInts),
        SettingKind.Float => Chance(0.9) ? Pick(["0", "0.001", "0.1", "0.5", "1", "2.5", "1e-5"]) : Pick(EdgeRates),
        SettingKind.Bool => Pick(["true", "false", "yes"]),
        SettingKind.Choice => Chance(0.9) ? Pick(setting.Choices) : Pick(["gpu", "adamm", "\"cosine\"", ""]),
        SettingKind.ChoiceList => "[" + string.Join(", ", setting.Choices.Where(_ => Chance(0.3))) + "]",
        SettingKind.ClassWeights => Pick(["none", "balanced", "[1, 2]", "[1, 1, 1, 1]", "[0.5, -1]", "[]"]),
        SettingKind.Text => Chance(0.1) ? Text(multiline: true) : Pick(["val_loss", "val_accuracy", "val_mae", "data/train", "value", "\"a b\""]),
        _ => "{}",
    };

    private Family WriteLayer(Family family, string kind, bool last, string indent, bool inBlock = false)
    {
        var p = new List<(string Key, string Value)>();
        string type;
        Family next = family;
        switch (family)
        {
            // Inside a residual block mostly layers that keep the shape, so that blocks are accepted as often as rejected.
            case Family.Vector when inBlock && Chance(0.75):
                type = Pick(["dense", "dropout", "activation", "layernorm"]);
                break;
            case Family.Sequence when inBlock && Chance(0.75):
                type = Pick(["layernorm", "dropout", "activation", "attention", "time_distributed", "batchnorm"]);
                break;
            case Family.Vector:
                type = kind == "head" ? Pick(["dense", "dense", "activation", "dropout", "layernorm"]) : Pick(["dense", "dense", "dropout", "activation", "batchnorm", "layernorm", "repeat_vector"]);
                break;
            case Family.Sequence:
                type = Pick(["conv1d", "lstm", "gru", "rnn", "maxpool", "avgpool", "batchnorm", "layernorm", "global_avgpool", "global_maxpool", "time_distributed", "dropout", "activation", "attention"]);
                break;
            case Family.Tokens:
                type = "embedding";
                break;
            case Family.Image:
                type = Pick(["conv2d", "maxpool", "avgpool", "batchnorm", "flatten", "global_avgpool", "dropout", "activation"]);
                break;
            case Family.Clip:
                type = Pick(["conv3d", "maxpool", "batchnorm", "flatten", "global_maxpool"]);
                break;
            default:
                type = "time_distributed";
                break;
        }

        if (Chance(0.06))
        {
            type = Pick(LayerCatalog.Types.ToArray());
        }

        if (family is Family.Vector or Family.Sequence or Family.Image && kind != "head" && Chance(0.08))
        {
            // A residual block of one or two layers (blocks may nest): the block checks that they keep every axis but the features.
            Line($"{indent}- residual:");
            Family inner = family;
            for (int i = random.Next(2); i >= 0; i--)
            {
                inner = WriteLayer(inner, kind, last: false, indent + "    ", inBlock: true);
            }

            return inner;
        }

        if (type == "time_distributed")
        {
            string inner = family == Family.ImageSequence ? Pick(["conv2d", "maxpool", "flatten", "global_avgpool"]) : Pick(["dense", "dropout", "activation", "layernorm"]);
            var innerParams = new List<(string, string)>();
            Parameters(inner, innerParams);
            next = family == Family.ImageSequence && inner is "flatten" or "global_avgpool" ? Family.Sequence : family;
            string name = Chance(0.15) ? ", name: " + Scalar(Name(0.4, upper: false)) : string.Empty;
            Line($"{indent}- time_distributed: {{ {inner}: {{ {Join(innerParams)} }}{name} }}");
            return next;
        }

        Parameters(type, p);
        next = type switch
        {
            "repeat_vector" or "embedding" => Family.Sequence,
            "global_avgpool" or "global_maxpool" or "flatten" => Family.Vector,
            "lstm" or "gru" or "rnn" when p.Any(x => x.Key == "return_sequences" && x.Value == "false") || (last && kind != "seq2seq") => Family.Vector,
            _ => family,
        };

        if (Chance(0.15))
        {
            p.Add(("name", Scalar(Name(0.4, upper: false))));
        }

        if (type == "activation" && Chance(0.5))
        {
            Line($"{indent}- activation: {Pick(LayerCatalog.Activations)}");
        }
        else if (Chance(0.75))
        {
            Line($"{indent}- {type}: {{ {Join(p)} }}");
        }
        else
        {
            Line($"{indent}- {type}:" + (p.Count == 0 ? " {}" : string.Empty));
            foreach ((string key, string value) in p)
            {
                Line($"{indent}    {key}: {value}");
            }
        }

        return next;
    }

    private void Parameters(string type, List<(string Key, string Value)> p)
    {
        switch (type)
        {
            case "dense":
                p.Add(("units", SizeOrOption(12)));
                Maybe(p, 0.2, "activation", () => Pick(LayerCatalog.Activations));
                Maybe(p, 0.1, "bias", () => Pick(["false", "true", "yes"]));
                break;
            case "dropout":
                Maybe(p, 0.8, "rate", Rate);
                break;
            case "activation":
                p.Add(("fn", Pick(LayerCatalog.Activations.Append("swish").ToArray())));
                break;
            case "batchnorm":
                Maybe(p, 0.1, "momentum", () => Pick(["0.01", "0.5", "-1"]));
                Maybe(p, 0.1, "eps", () => Pick(["1e-3", "0", "-1e-5"]));
                break;
            case "layernorm":
                Maybe(p, 0.1, "eps", () => Pick(["1e-6", "0.001"]));
                break;
            case "embedding":
                p.Add(("vocab", Size(50, 2)));
                p.Add(("dim", SizeOrOption(8)));
                Maybe(p, 0.2, "padding_idx", () => Pick(["0", "1", "49", "-1"]));
                break;
            case "conv1d":
            case "conv2d":
            case "conv3d":
                p.Add(("filters", SizeOrOption(8)));
                p.Add(("kernel", Chance(0.1) ? "[2, 3]" : Size(3)));
                Maybe(p, 0.3, "stride", () => Size(2));
                Maybe(p, 0.5, "padding", () => Pick(["same", "valid", "sam", "causal", "causal", "1", "2", "[1, 2]", "-1"]));
                Maybe(p, 0.1, "dilation", () => Size(2));
                Maybe(p, 0.2, "activation", () => Pick(LayerCatalog.Activations));
                Maybe(p, 0.05, "bias", () => "false");
                break;
            case "maxpool":
            case "avgpool":
                Maybe(p, 0.5, "size", () => Size(2));
                Maybe(p, 0.2, "stride", () => Size(2));
                Maybe(p, 0.2, "padding", () => Pick(["same", "valid"]));
                break;
            case "lstm":
            case "gru":
            case "rnn":
                p.Add(("units", SizeOrOption(8)));
                Maybe(p, 0.3, "return_sequences", () => Pick(["true", "false"]));
                Maybe(p, 0.15, "num_layers", () => Pick(["1", "2", "3"]));
                Maybe(p, 0.15, "bidirectional", () => Pick(["true", "false"]));
                Maybe(p, 0.1, "dropout", Rate);
                if (type == "rnn")
                {
                    Maybe(p, 0.2, "nonlinearity", () => Pick(["relu", "tanh"]));
                }

                break;
            case "repeat_vector":
                Maybe(p, 0.7, "n", () => Size(5));
                break;
            case "attention":
                p.Add(("heads", Pick(["1", "1", "2", "3", "4", "0"])));
                Maybe(p, 0.3, "causal", () => Pick(["true", "false"]));
                Maybe(p, 0.2, "dropout", Rate);
                break;
        }

        if (Chance(0.03))
        {
            p.Add((Pick(["unit", "colour", "retrun_sequences", "name", "kernel"]), "1"));
        }
    }

    private void Maybe(List<(string, string)> p, double probability, string key, Func<string> value)
    {
        if (Chance(probability))
        {
            p.Add((key, value()));
        }
    }

    private string SizeOrOption(int max) =>
        optionNames.Count > 0 && Chance(0.3) ? "$" + Pick(optionNames.ToArray()) : Chance(0.03) ? "$" + Name(0.3, upper: false) : Size(max);

    private string Size(int max, int min = 1) =>
        Chance(0.03) ? Pick(EdgeInts) : (min + random.Next(Math.Max(1, max - min + 1))).ToString(CultureInfo.InvariantCulture);

    private string Rate() =>
        optionNames.Count > 0 && Chance(0.2) ? "$" + Pick(optionNames.ToArray()) : Chance(0.05) ? Pick(EdgeRates) : Pick(["0", "0.1", "0.25", "0.5"]);

    private string Axis() => Chance(0.9) ? "time" : Scalar(Name(0.5, upper: false));

    /// <summary>A name: usually a plain one, with probability <paramref name="hostile"/> one from the hostile pool.</summary>
    private string Name(double hostile, bool upper)
    {
        if (Chance(hostile))
        {
            return Pick(NamePool.Hostile);
        }

        string name = Pick(NamePool.Plain) + (Chance(0.3) ? random.Next(100).ToString(CultureInfo.InvariantCulture) : string.Empty);
        return upper ? char.ToUpperInvariant(name[0]) + name[1..] : name;
    }

    private string Text(bool multiline) =>
        multiline && Chance(0.1)
            ? "|" + newline + string.Join(newline, Pick(NamePool.Texts).Split('\n').Select(l => "  " + l))
            : Scalar(Chance(0.5) ? Pick(NamePool.Texts) : Pick(NamePool.Plain));

    /// <summary>A YAML scalar: plain when it is a simple word, else double-quoted with escapes, sometimes single-quoted or pasted raw.</summary>
    private string Scalar(string value)
    {
        bool simple = value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') && !char.IsDigit(value[0]);
        if (simple && !Chance(0.1))
        {
            return value;
        }

        if (Chance(0.08))
        {
            return value;
        }

        if (Chance(0.1) && !value.Contains('\n', StringComparison.Ordinal))
        {
            return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\ufeff' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    private string Mutate(string text)
    {
        int at = random.Next(text.Length + 1);
        return random.Next(4) switch
        {
            0 => text[..at],
            1 => text.Insert(at, Pick(["{", "[", "\t", "\0", "\"", ":", "\n  - ", "&a ", "*a", "\ufffd", "\u0001", "\n? &k [*k]\n: 1\n", "\nx: &x [*x]\n", "\n? [a]\n: 1\n"])),
            2 => text.Remove(at, Math.Min(3, text.Length - at)),
            _ => text.Replace("  ", "\t", StringComparison.Ordinal),
        };
    }

    private static string Join(List<(string Key, string Value)> p) => string.Join(", ", p.Select(x => x.Key + ": " + x.Value));

    private void Line(string text) => yaml.Append(text).Append(newline);

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
