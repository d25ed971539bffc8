using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>
/// One spec named <c>Net</c> (the body is everything after <c>model: Net</c>) run through the generator, read back the
/// way a user reads it: the summary table, the module's source, the options record, or the diagnostics.
/// </summary>
internal static class NetSpec
{
    /// <summary>Generates the spec and asserts it has no diagnostics.</summary>
    public static GeneratorRun Generate(string body)
    {
        GeneratorRun run = Run(body);
        run.Messages.ShouldBeEmpty();
        return run;
    }

    /// <summary>Generates the spec as it is, diagnostics and all.</summary>
    public static GeneratorRun Run(string body) => GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\n" + body.TrimEnd('\n') + "\n"));

    /// <summary>The module's source (<c>…Net.g.cs</c>).</summary>
    public static string Module(GeneratorRun run) => run.Sources.Single(s => s.Key.EndsWith(".Net.g.cs", StringComparison.Ordinal)).Value;

    /// <summary>The options record's source (<c>…NetOptions.g.cs</c>).</summary>
    public static string Options(GeneratorRun run) => run.Sources.Single(s => s.Key.EndsWith(".NetOptions.g.cs", StringComparison.Ordinal)).Value;

    /// <summary>The summary table's rows as "name (type) | shape | count", from the class's XML docs.</summary>
    public static List<string> Rows(GeneratorRun run)
    {
        string[] lines = Module(run).Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("/// Layer (type)", StringComparison.Ordinal));
        var rows = new List<string>();
        for (int i = header + 2; !lines[i].StartsWith("/// ====", StringComparison.Ordinal); i++)
        {
            rows.Add(string.Join(" | ", Regex.Split(lines[i][4..].Trim(), @"\s{2,}")));
        }

        return rows;
    }

    /// <summary>The number after "Total params: " in the summary.</summary>
    public static string Total(GeneratorRun run) =>
        Module(run).Split('\n').First(l => l.StartsWith("/// Total params: ", StringComparison.Ordinal))["/// Total params: ".Length..];

    /// <summary>
    /// The body of the first method whose declaration (a <c>public</c> line without <c>=&gt;</c>) contains
    /// <paramref name="signature"/>, up to its <c>return</c>: trimmed, the shape comment one space after the code, and
    /// without the <c>global::</c> namespaces of the runtime and TorchSharp.
    /// </summary>
    public static List<string> Body(GeneratorRun run, string signature)
    {
        string[] lines = Module(run).Split('\n').Select(l => l.Trim()).ToArray();
        int start = Array.FindIndex(lines, l => l.StartsWith("public ", StringComparison.Ordinal) && l.Contains(signature, StringComparison.Ordinal) && !l.Contains("=>", StringComparison.Ordinal));
        var body = new List<string>();
        for (int i = start + 2; ; i++)
        {
            string line = Regex.Replace(lines[i], @"\s{2,}//", " //");
            foreach (string prefix in new[] { "global::QuickDrawDsl.Runtime.Models.", "global::QuickDrawDsl.Runtime.Export.", "global::TorchSharp.torch." })
            {
                line = line.Replace(prefix, string.Empty, StringComparison.Ordinal);
            }

            body.Add(line);
            if (line.StartsWith("return ", StringComparison.Ordinal))
            {
                return body;
            }
        }
    }

    /// <summary>The module's source lines that construct a layer (<c>__name = global::TorchSharp.torch.nn.…;</c>), trimmed.</summary>
    public static List<string> Constructions(GeneratorRun run) =>
        Module(run).Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" = global::TorchSharp.torch.nn.", StringComparison.Ordinal)).ToList();
}
