using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>
/// A temporary folder a new user might work in: small data sets (good and hand-broken), and two trained and exported
/// QuickDraw runs (3 and 2 classes) plus broken copies of them. Made once for all the cases of a test class.
/// </summary>
public sealed class Workspace : IDisposable
{
    private readonly List<string> immutable = [];

    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "qd-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        Drawings.WriteFolder(P("data"), 24, "apple", "banana", "eye");

        // Hand-broken data folders: one problem each.
        Drawings.WriteFolder(P("empty-class"), 24, "banana", "eye");
        File.WriteAllText(P("empty-class/apple.ndjson"), string.Empty);
        Drawings.WriteFolder(P("blank-class"), 24, "banana", "eye");
        File.WriteAllText(P("blank-class/apple.ndjson"), "   \n\t\n\n");
        Drawings.WriteFolder(P("garbage-class"), 24, "banana", "eye");
        File.WriteAllLines(P("garbage-class/apple.ndjson"), Enumerable.Range(0, 20).Select(i => $"not json {i}"));
        Drawings.WriteFolder(P("all-bad"), 0, "apple", "banana", "eye");
        foreach (string w in new[] { "apple", "banana", "eye" })
        {
            File.WriteAllLines(P($"all-bad/{w}.ndjson"), ["{\"word\":\"x\",\"drawing\":\"a string\"}", "{\"truncated", "[1,2,3]", "{\"word\": NaN}"]);
        }

        Drawings.WriteFolder(P("duplicates"), 24, "banana", "eye");
        File.WriteAllLines(P("duplicates/apple.ndjson"), Enumerable.Repeat(Drawings.Line("apple", 1, new Random(1)), 20));
        Drawings.WriteFolder(P("huge-coordinates"), 24, "apple", "banana", "eye");
        File.AppendAllLines(P("huge-coordinates/banana.ndjson"), Enumerable.Range(0, 6).Select(i => Drawings.Line("banana", 500 + i, new Random(i)).Replace("[[[", "[[[3e38,", StringComparison.Ordinal).Replace("],[", "],[1,", StringComparison.Ordinal)));
        Drawings.WriteFolder(P("invalid-utf8"), 24, "apple", "banana", "eye");
        using (FileStream s = File.Open(P("invalid-utf8/eye.ndjson"), FileMode.Append))
        {
            for (int i = 0; i < 6; i++)
            {
                s.Write(Drawings.InvalidUtf8Line("eye", 900 + i));
            }
        }

        Drawings.WriteFolder(P("broken-link"), 24, "apple", "banana", "eye");
        File.CreateSymbolicLink(P("broken-link/zebra.ndjson"), P("broken-link/nowhere.ndjson"));
        Drawings.WriteFolder(P("sketch/one"), 40, "monkey");
        Directory.CreateDirectory(P("sketch/bad"));
        File.WriteAllLines(P("sketch/bad/monkey.ndjson"), Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "garbage" : Drawings.Line("monkey", i, new Random(i))));
        File.WriteAllText(P("a-file"), "not a folder");

        // Trained and exported runs, made with the program itself.
        Train("run3", "apple,banana,eye");
        Train("run2", "apple,banana");
        Copy("run3", "bad-json");
        File.WriteAllText(P("bad-json/train-settings.json"), "{ this is not json");
        Copy("run3", "bad-preprocessing");
        File.WriteAllText(P("bad-preprocessing/preprocessing.json"), "[1, 2]");
        Copy("run3", "text-onnx");
        File.WriteAllText(P("text-onnx/model.onnx"), "hello, I am not a model\n");
        Copy("run3", "checkpoint-onnx");
        File.Copy(P("run3/checkpoint.qdckpt"), P("checkpoint-onnx/model.onnx"), overwrite: true);
        Copy("run3", "truncated-onnx");
        byte[] onnx = File.ReadAllBytes(P("run3/model.onnx"));
        File.WriteAllBytes(P("truncated-onnx/model.onnx"), onnx[..(onnx.Length / 2)]);
        Copy("run3", "no-onnx");
        File.Delete(P("no-onnx/model.onnx"));
        Copy("run3", "truncated-weights");
        byte[] weights = File.ReadAllBytes(P("run3/model.qdweights"));
        File.WriteAllBytes(P("truncated-weights/model.qdweights"), weights[..(weights.Length / 3)]);
        Copy("run3", "other-weights");
        File.Copy(P("run2/model.qdweights"), P("other-weights/model.qdweights"), overwrite: true);
        Copy("run3", "flipped-checkpoint");
        byte[] checkpoint = File.ReadAllBytes(P("run3/checkpoint.qdckpt"));
        checkpoint[^200] ^= 0x10;
        File.WriteAllBytes(P("flipped-checkpoint/checkpoint.qdckpt"), checkpoint);
        Copy("run3", "flipped-header");
        checkpoint = File.ReadAllBytes(P("run3/checkpoint.qdckpt"));
        checkpoint[20] ^= 0x01; // inside the model signature
        File.WriteAllBytes(P("flipped-header/checkpoint.qdckpt"), checkpoint);
        // A run of the example's earlier, hand-written train: its run.json and no train-settings.json.
        Copy("run3", "legacy-run");
        File.Delete(P("legacy-run/train-settings.json"));
        File.WriteAllText(P("legacy-run/run.json"), "{ \"Format\": \"Strokes\", \"Data\": \"data\", \"Categories\": [\"apple\", \"banana\", \"eye\"], \"TrainPerClass\": 16, \"TestPerClass\": 8, \"Seed\": 42, \"OffsetScale\": 0.05 }");
        Copy("run3", "read-only");
        MakeImmutable(P("read-only"));
        Directory.CreateDirectory(P("read-only-folder"));
        MakeImmutable(P("read-only-folder"));
    }

    public string Root { get; }

    /// <summary>A path in the workspace.</summary>
    public string P(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs a program with the workspace as its working directory.</summary>
    public ProgramRun Run(string program, params string[] args) => ExamplePrograms.Run(program, args, Root);

    /// <summary>Runs a program with standard input.</summary>
    public ProgramRun RunWithInput(string program, string stdin, params string[] args) => ExamplePrograms.Run(program, args, Root, stdin);

    public void Dispose()
    {
        foreach (string path in immutable)
        {
            Chattr("-i", path);
        }

        Directory.Delete(Root, recursive: true);
    }

    private void Train(string run, string categories)
    {
        ProgramRun train = Run("quickdraw", "train", "--data", "data", "--categories", categories, "--epochs", "1", "--train-per-class", "16", "--test-per-class", "8", "--output", run);
        train.ExitCode.ShouldBe(0, train.ToString());
        ProgramRun export = Run("quickdraw", "export", "--output", run);
        export.ExitCode.ShouldBe(0, export.ToString());
    }

    private void Copy(string from, string to)
    {
        Directory.CreateDirectory(P(to));
        foreach (string file in Directory.GetFiles(P(from)))
        {
            File.Copy(file, Path.Combine(P(to), Path.GetFileName(file)));
        }
    }

    // Root ignores permission bits; the immutable attribute makes a folder read-only for root too.
    private void MakeImmutable(string path)
    {
        Chattr("+i", path);
        immutable.Add(path);
    }

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false })!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"chattr {flag} {path}: {process.StandardError.ReadToEnd()}");
    }
}
