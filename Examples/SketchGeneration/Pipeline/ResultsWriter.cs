using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>Writes a run's numbers: <c>metrics.csv</c> (one row per epoch), <c>results.json</c> and <c>results.md</c> (the table).</summary>
internal static class ResultsWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes the three files.</summary>
    /// <param name="folder">The run folder.</param>
    /// <param name="result">The run.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string folder, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string csv = Path.Combine(folder, "metrics.csv");
        var lines = new List<string> { "epoch,train_loss,train_kl,test_loss,test_teacher_forced_loss,test_point_error,test_pen_accuracy,test_pen_lift_f1,seconds" };
        lines.AddRange(result.History.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{r.Epoch},{r.TrainLoss:R},{r.TrainKl:R},{r.Test.Loss:R},{(r.TestTeacherForcedLoss is double tf ? tf.ToString("R", CultureInfo.InvariantCulture) : string.Empty)},{r.Test.PointError:R},{r.Test.PenAccuracy:R},{r.Test.PenLiftF1:R},{r.Seconds:R}")));
        File.WriteAllLines(csv, lines);

        string json = Path.Combine(folder, "results.json");
        File.WriteAllText(json, JsonSerializer.Serialize(result with { Files = result.Files.Select(Path.GetFileName).ToArray()! }, Json));

        string markdown = Path.Combine(folder, "results.md");
        File.WriteAllText(markdown, Table(result));
        return [csv, json, markdown];
    }

    /// <summary>The results table (Markdown).</summary>
    /// <param name="result">The run.</param>
    /// <returns>The table with a heading line.</returns>
    public static string Table(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reconstruction of the {result.TestCount} held-out drawings ({result.TrainCount} for training), {result.History.Count} epochs, decoder {result.Options.Training.Decoder}:");
        text.AppendLine();
        text.AppendLine("| method | point error (% of drawing size) | pen-lift F1 | pen accuracy | loss |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        string kind = result.Options.Training.KlWeight > 0 ? "VAE" : "autoencoder";
        string decoder = result.Options.Training.Decoder switch
        {
            DecoderKind.Repeat => "SketchDecoder",
            DecoderKind.Conditioned or DecoderKind.ConditionedFreeRunning => "SketchConditionedDecoder",
            _ => "SketchFeedbackDecoder",
        };
        text.AppendLine(Row($"**{kind}** (YAML SketchEncoder + {decoder})", result.Model, bold: true));
        foreach (BaselineResult b in result.Baselines)
        {
            text.AppendLine(Row(b.Name, b.Metrics, bold: false));
        }

        return text.ToString();
    }

    private static string Row(string name, ReconstructionMetrics m, bool bold)
    {
        string b = bold ? "**" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {b}{100 * m.PointError:F1}{b} | {m.PenLiftF1:F3} | {100 * m.PenAccuracy:F1} % | {m.Loss:F3} |");
    }
}
