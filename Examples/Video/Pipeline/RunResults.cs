using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>The measured outcome of <c>video all</c>, written to results.md (a table for the README) and results.json.</summary>
internal sealed record RunResults(
    string Model,
    string InputShape,
    long Parameters,
    IReadOnlyList<string> Classes,
    int TrainClips,
    int ValidationClips,
    int TestClips,
    int Epochs,
    double TrainSeconds,
    double ClipsPerSecond,
    double TestAccuracy,
    IReadOnlyList<double> PerClassAccuracy,
    double StillFrameAccuracy,
    double OnnxMaxAbsDiff,
    long OnnxSameTop1,
    string Command)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"| model (YAML) | clips | held-out accuracy | still-frame accuracy | ONNX max \\|Δ logit\\| | ONNX top-1 agreement | training |"));
        md.AppendLine("|---|---|---|---|---|---|---|");
        md.AppendLine(Invariant($"| `{Model}` {InputShape}, {Parameters:N0} params | {TrainClips:N0} train / {ValidationClips:N0} val / {TestClips:N0} test, {Classes.Count} classes | **{TestAccuracy:P1}** | {StillFrameAccuracy:P1} | {OnnxMaxAbsDiff:E1} | {OnnxSameTop1}/{TestClips} | {Epochs} epochs, {TrainSeconds:0} s ({ClipsPerSecond:0} clips/s) |"));
        md.AppendLine();
        md.AppendLine("| " + string.Join(" | ", Classes) + " |");
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", Classes.Count)));
        md.AppendLine("| " + string.Join(" | ", PerClassAccuracy.Select(a => a.ToString("P1", CultureInfo.InvariantCulture))) + " |");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(Command);
        md.AppendLine("```");
        return md.ToString();
    }

    public void Save(string run)
    {
        File.WriteAllText(Path.Combine(run, RunReport.ResultsMarkdown), ToMarkdown());
        File.WriteAllText(Path.Combine(run, RunReport.ResultsJson), JsonSerializer.Serialize(this, Json));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
