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

    /// <summary>The module's source lines that construct a layer (<c>__name = global::TorchSharp.torch.nn.…;</c>), trimmed.</summary>
    public static List<string> Constructions(GeneratorRun run) =>
        Module(run).Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" = global::TorchSharp.torch.nn.", StringComparison.Ordinal)).ToList();
}
