using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Fuzz;

/// <summary>
/// Names and texts the random specs draw from. Not a list of known-bad cases: the hostile part is computed from
/// the things a name can collide with — every C# keyword and contextual keyword, every identifier in the code the
/// generator emits for the example specs (locals, fields, members, parameters, types it refers to), every member
/// a TorchSharp module or a record inherits — plus Unicode, control characters and near-misses of the rules.
/// </summary>
internal static class NamePool
{
    /// <summary>Names a user would write; most random specs use these so that enough of them are accepted.</summary>
    public static readonly string[] Plain =
    [
        "Net", "Model", "Forecaster", "Tiny", "strokes", "series", "hidden", "units", "head", "conv_in", "enc", "features", "a", "b1", "x2y",
        "MyNet", "Classifier", "time", "steps", "frames", "drop", "width", "k", "LayerA", "block_3",
    ];

    /// <summary>Every name that can be hostile in generated C#, computed once.</summary>
    public static IReadOnlyList<string> Hostile => HostileNames.Value;

    /// <summary>Descriptions and labels: markup, quotes, escapes, comment and string delimiters, line breaks, control and invisible characters.</summary>
    public static readonly string[] Texts =
    [
        "Classifies sketches.", "a \"quoted\" word", "back\\slash", "<summary>&amp;</summary> & <b>", "*/ /* // ///", "{0} {{1}} $\"{x}\"", "\"\"\" raw \"\"\"",
        "line one\nline two", "crlf\r\nline", "cr only\rend", "sep\u2028line", "para\u2029graph", "next\u0085line", "nul\0byte", "tab\there", "bell\u0007",
        "emoji 😀 ok", "lone \ud800 surrogate", "bom \ufeff mid", "replacement \ufffd char", "noncharacter \uffff", "#not a comment", "key: value", "- item", "| block",
        "ends with backslash \\", "trailing space ", "", "é accent", "RTL \u202e override", "zero\u200bwidth", "\u00a0nbsp", new string('x', 3000),
        "c:\\path\\to\\file", "quote ' single", "@ at", "% percent", "` backtick", "#region", "#endregion", "#if DEBUG",
    ];

    private static readonly Lazy<IReadOnlyList<string>> HostileNames = new(() =>
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxKind kind in SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds()))
        {
            names.Add(SyntaxFacts.GetText(kind));
        }

        names.UnionWith(["var", "dynamic", "field", "value", "nameof", "record", "global", "_", "args", "extension", "allows", "notnull"]);
        names.UnionWith(GeneratedIdentifiers());
        names.UnionWith(InheritedMembers(typeof(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)));
        names.UnionWith(["EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "Clone"]);
        names.UnionWith(
        [
            "Über", "名前", "ǅa", "a\u200bb", "e\u0301", "x😀", "Ａ", "Ωmega", "a\nb", "a\0", "a\u2028b", " ", "a b", "a-b", "a.b", "1a", "a__b", "__x", "x__", "_a",
            "a_", "@class", "$x", "'q'", "a\tb", "hidden", "Hidden", "dropout0_rate", "Dropout0Rate", "a_b", "aB", "AB", "lengths", "Lengths", "NetOptions",
            "Options", "decoder", "Decoder", "x_result", new string('n', 600), "time", "batch0", "steps0",
        ]);
        names.Remove(string.Empty);
        return names.ToArray();
    });

    /// <summary>Every identifier token in what the generator emits for the example specs, which exercise every layer family.</summary>
    private static IEnumerable<string> GeneratedIdentifiers()
    {
        string[] specs = ["QuickDrawClassifier", "EncoderDecoderForecaster", "SketchGenerator", "LatentDecoder", "VideoClassifier", "FrameSequenceClassifier", "TokenTagger", "RidershipForecaster"];
        GeneratorRun run = GeneratorRun.Of(specs.Select(s => ($"/src/{s}.model.yaml", RepoFiles.ArchetypeSpec(s))).ToArray());
        return run.Sources.Values
            .SelectMany(source => CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens())
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText)
            .Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> InheritedMembers(Type type)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            foreach (MemberInfo member in t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!member.Name.Contains('<', StringComparison.Ordinal) && !member.Name.StartsWith(".", StringComparison.Ordinal) && !member.Name.Contains('`', StringComparison.Ordinal))
                {
                    yield return member.Name.StartsWith("get_", StringComparison.Ordinal) ? member.Name[4..] : member.Name;
                }
            }
        }
    }
}
