using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Examples.QuickDraw;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Serve.Tests.Infrastructure;

/// <summary>
/// A tiny run trained for the tests (3 classes x 40 shared drawings, of which 4 a class validate; 3 epochs, a few
/// seconds) and exported by the example's own <c>quickdraw train</c> and <c>quickdraw export</c>, run in this process,
/// then served in-process on a free loopback port. Its accuracy does not matter: the tests compare the app with
/// <c>quickdraw predict</c> on the same drawings.
/// </summary>
public sealed class ServedRun : IAsyncLifetime
{
    public static readonly string[] Categories = ["apple", "banana", "eye"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-serve-" + Guid.NewGuid().ToString("N"));

    internal ServedRunFolder Run => new(folder);

    internal CapturedLog Log { get; } = new();

    internal WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The test split's drawings (the 10 after the 40 training ones, per class).</summary>
    public IReadOnlyList<Drawing> TestDrawings { get; private set; } = [];

    public async Task InitializeAsync()
    {
        string data = TestPaths.SimplifiedData();
        string[] run = ["--output", folder, "--threads", "1"];
        Quickdraw(["train", "--data", data, "--categories", string.Join(',', Categories), "--train-per-class", "40", "--test-per-class", "10", "--epochs", "3", "--seed", "1", .. run]);
        Quickdraw(["export", .. run]);
        TestDrawings = Categories
            .SelectMany(c => new QuickDrawNdjsonReader(new QuickDrawReadOptions { MaxPerClass = 50 }).ReadFile(Path.Combine(data, c + ".ndjson")).Skip(40))
            .ToArray();
        App = ServeApp.Build(new ServeSettings(folder, ["http://127.0.0.1:0"], new ServeOptions(), logging => logging.AddProvider(Log)));
        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary><c>quickdraw predict</c>'s answer for drawings given as JSON stroke arrays (raw or simplified).</summary>
    internal IReadOnlyList<DrawingPrediction> PredictWithCli(IEnumerable<string> drawingsJson)
    {
        var ndjson = new StringBuilder();
        foreach (string drawing in drawingsJson)
        {
            ndjson.Append("{\"word\":\"unknown\",\"countrycode\":\"US\",\"timestamp\":\"2017-03-01 00:00:00.00000 UTC\",\"recognized\":true,\"key_id\":\"1\",\"drawing\":")
                .Append(drawing).Append("}\n");
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(ndjson.ToString()));
        return PredictCommand.Execute(folder, input, "test.ndjson");
    }

    // One command of the example's program; what it printed is the message when it fails.
    private static void Quickdraw(string[] args)
    {
        TextWriter stdout = Console.Out, stderr = Console.Error;
        using var output = new StringWriter();
        Console.SetOut(output);
        Console.SetError(output);
        int code;
        try
        {
            code = QuickDrawDslProgram.Main(args);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        if (code != 0)
        {
            throw new InvalidOperationException($"quickdraw {string.Join(' ', args)} ended with exit code {code}:\n{output}");
        }
    }

    /// <summary>A drawing's strokes as the API takes them: <c>[[[x...],[y...]], ...]</c>, with <c>[t...]</c> when it has times.</summary>
    public static string StrokesJson(Drawing drawing) => JsonSerializer.Serialize(drawing.Strokes.Select(s =>
        s.T is null ? new object[] { s.X, s.Y } : new object[] { s.X, s.Y, s.T }).ToArray());
}

/// <summary>The served run folder, as train, export and serve write and read it.</summary>
/// <param name="Path">The folder.</param>
internal sealed record ServedRunFolder(string Path)
{
    /// <summary>The exported model serve loads.</summary>
    public string Onnx => System.IO.Path.Combine(Path, RunFiles.Onnx);

    /// <summary>Reads the run's preprocessing.json (labels, offset scale).</summary>
    /// <returns>The preprocessing train recorded.</returns>
    public Preprocessing Load() => Preprocessing.Load(System.IO.Path.Combine(Path, RunFiles.Preprocessing));
}
