using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>
/// The full-dataset workflow as processes, at small scale: prepare → train --cache → evaluate → export, a cache changed
/// under a run, and memory that does not grow with the data (child processes with a capped managed heap).
/// </summary>
public sealed class CacheTrainingTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "qd-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public CacheTrainingTests()
    {
        Directory.CreateDirectory(root);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void PrepareTrainEvaluateAndExportFromACacheUseItsSplits()
    {
        Drawings.WriteFolder(Path.Combine(root, "data"), 60, "apple", "banana", "eye");
        Run("prepare", "--data", "data", "--output", "cache", "--validation-fraction", "0.2", "--test-fraction", "0.2");
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "cache", "manifest.json")));
        long validation = manifest.RootElement.GetProperty("validation").GetInt64();
        long test = manifest.RootElement.GetProperty("test").GetInt64();
        (validation + test).ShouldBeInRange(40, 104, "about 40 % of 180 drawings by key_id hash");

        ProgramRun train = Run("train", "--cache", "cache", "--epochs", "2", "--batch-size", "16", "--checkpoint-every", "3", "--output", "run");
        long trainCount = manifest.RootElement.GetProperty("train").GetInt64();
        train.Stdout.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"SketchClassifier: trained 2 epochs on {trainCount} drawings"), Case.Sensitive, "the cache's train split");
        train.Stdout.ShouldContain("by val_loss: validation top-1 accuracy");
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "run", "train-settings.json")));
        JsonElement recorded = settings.RootElement.GetProperty("settings");
        recorded.GetProperty("--cache").GetString().ShouldBe(Path.Combine(root, "cache"));
        recorded.GetProperty("the cache's manifest.json (sha256)").GetString()!.Length.ShouldBe(64);

        // The validation pass reads the validation split; evaluate and export read the test split, which training never saw.
        string[] csv = File.ReadAllLines(Path.Combine(root, "run", "metrics.csv"));
        csv.Length.ShouldBe(3, "a header and one row per epoch");
        Run("evaluate", "--output", "run").Stdout.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"SketchClassifier: {test} test drawings"));
        Run("export", "--output", "run").Stdout.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime matches TorchSharp on {test} test drawings"));
        Run("export", "--output", "run").Stdout.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"top-1 agrees on {test}/{test}"));

        // Resumed for two more epochs on the same cache: it continues (two more rows), it does not start over.
        Run("train", "--cache", "cache", "--epochs", "4", "--batch-size", "16", "--checkpoint-every", "3", "--output", "run", "--resume");
        File.ReadAllLines(Path.Combine(root, "run", "metrics.csv")).Length.ShouldBe(5);

        // prepare again with one more class: the run's cache has changed under it.
        Drawings.WriteFolder(Path.Combine(root, "more"), 60, "apple", "banana", "eye", "nose");
        Run("prepare", "--data", "more", "--output", "cache", "--validation-fraction", "0.2", "--test-fraction", "0.2");
        ProgramRun resume = ExamplePrograms.Run("quickdraw", ["train", "--cache", "cache", "--epochs", "5", "--output", "run", "--resume"], root);
        resume.ExitCode.ShouldBe(2, resume.ToString());
        resume.ErrorLines.ShouldHaveSingleItem().ShouldContain("was started with the cache's classes apple,banana,eye, and this command asks for apple,banana,eye,nose");
        ProgramRun evaluate = ExamplePrograms.Run("quickdraw", ["evaluate", "--output", "run"], root);
        evaluate.ExitCode.ShouldBe(2, evaluate.ToString());
        evaluate.ErrorLines.ShouldHaveSingleItem().ShouldContain("now holds 4 classes");
    }

    [Fact]
    public void PrepareAndStreamTwoHundredThousandDrawingsInA32MegabyteHeap()
    {
        // 200,000 drawings: held in memory they would take well over 32 MB of managed heap (drawing, samples,
        // features); prepare and a full streamed epoch must both fit a 32 MB cap (the process dies with out-of-memory otherwise).
        const int PerClass = 50_000;
        Drawings.WriteFolder(Path.Combine(root, "big"), PerClass, "apple", "banana", "eye", "mouth");
        var capped = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x2000000" };
        ProgramRun prepare = ExamplePrograms.Run("quickdraw", ["prepare", "--data", "big", "--output", "big-cache", "--parallel", "2"], root, timeout: TimeSpan.FromMinutes(3), environment: capped);
        prepare.ExitCode.ShouldBe(0, prepare.ToString());
        prepare.Stdout.ShouldContain("4 classes");

        ProgramRun stream = ExamplePrograms.Run("quickdraw", ["stream", "--cache", "big-cache", "--workers", "2"], root, timeout: TimeSpan.FromMinutes(3), environment: capped);
        stream.ExitCode.ShouldBe(0, stream.ToString());
        Match m = Regex.Match(stream.Stdout, @"Streamed ([\d,]+) drawings .* of ([\d,]+) in the training split .* managed heap ([\d,]+) MiB");
        m.Success.ShouldBeTrue(stream.Stdout);
        long streamed = long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        streamed.ShouldBe(long.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), "one whole epoch");
        streamed.ShouldBeGreaterThan(4 * PerClass * 85 / 100, "the training split is about 90 %");
        long.Parse(m.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture).ShouldBeLessThan(32);
    }

    private ProgramRun Run(params string[] args)
    {
        ProgramRun run = ExamplePrograms.Run("quickdraw", args, root, timeout: TimeSpan.FromMinutes(3));
        run.ExitCode.ShouldBe(0, run.ToString());
        return run;
    }
}
