using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Fuzz;

/// <summary>
/// Random mutations of the example specs never make the generator throw (no CS8785, no exception on the run
/// result): each mutated spec either generates code or gives at least one QD error, and never both.
/// </summary>
public sealed class SpecFuzzTests
{
    private static readonly string[] Specs =
    [
        "QuickDrawClassifier", "RidershipForecaster", "StepForecaster", "EncoderDecoderForecaster", "SketchGenerator",
        "LatentDecoder", "VideoClassifier", "BitmapClassifier", "TokenTagger", "FrameSequenceClassifier",
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ":", "-", "\"", "'", "\t", "\n", "  ", "#", "&a", "*a", "!!int", "$", "$hidden", "0", "-1",
        "99999999999999999999", "1e400", "NaN", "null", "~", "true", "units", "return_sequences", "lstm", "dense", "time",
        "[1, 2, 3]", "{ units: 0 }", "padding: same", "kernel: 0", "<<: *a", "---", "...", "?", "|", ">", "%YAML 1.2",
    ];

    [Fact]
    public void MutatedSpecsGiveDiagnosticsNeverExceptions()
    {
        var random = new Random(20261123);
        int generated = 0;
        int rejected = 0;
        for (int i = 0; i < 400; i++)
        {
            string original = RepoFiles.ArchetypeSpec(Specs[i % Specs.Length]);
            string mutated = Mutate(original, random, 1 + random.Next(3));

            GeneratorRun run = GeneratorRun.Of(("/src/Models/Fuzz.model.yaml", mutated));

            run.Result.Results.ShouldAllBe(r => r.Exception == null, mutated);
            run.Diagnostics.ShouldNotContain(d => d.Id == "CS8785" || d.Id == "QD0900", Describe(run, mutated));
            bool errors = run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            (errors ^ run.Sources.Count > 0).ShouldBeTrue(Describe(run, mutated));
            if (errors)
            {
                rejected++;
            }
            else
            {
                generated++;
            }
        }

        // The mix matters: a fuzzer that only ever broke the YAML (or never did) would test little.
        rejected.ShouldBeGreaterThan(100);
        generated.ShouldBeGreaterThan(20);
    }

    private static string Mutate(string text, Random random, int count)
    {
        for (int n = 0; n < count; n++)
        {
            List<string> lines = text.Split('\n').ToList();
            int at = random.Next(Math.Max(1, text.Length));
            switch (random.Next(7))
            {
                case 0:
                    text = text.Remove(at, Math.Min(1 + random.Next(4), text.Length - at));
                    break;
                case 1:
                    text = text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    lines.RemoveAt(random.Next(lines.Count));
                    text = string.Join("\n", lines);
                    break;
                case 3:
                    int line = random.Next(lines.Count);
                    lines.Insert(line, lines[random.Next(lines.Count)]);
                    text = string.Join("\n", lines);
                    break;
                case 4:
                    int a = random.Next(lines.Count);
                    int b = random.Next(lines.Count);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    text = string.Join("\n", lines);
                    break;
                case 5:
                    text = ReplaceNumber(text, random);
                    break;
                default:
                    text = text.Substring(0, at);
                    break;
            }
        }

        return text;
    }

    private static string ReplaceNumber(string text, Random random)
    {
        var digits = Enumerable.Range(0, text.Length).Where(i => char.IsDigit(text[i]) && (i == 0 || !char.IsDigit(text[i - 1]))).ToList();
        if (digits.Count == 0)
        {
            return text;
        }

        int start = digits[random.Next(digits.Count)];
        int end = start;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        string[] replacements = ["0", "1", "2", "3", "7", "64", "-3", "100000", "0.5", "9223372036854775807"];
        return text.Substring(0, start) + replacements[random.Next(replacements.Length)] + text.Substring(end);
    }

    private static string Describe(GeneratorRun run, string spec) =>
        string.Join("\n", run.Messages) + "\n--- spec ---\n" + spec;
}
