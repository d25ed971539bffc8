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
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Serve.Tests.Infrastructure;

/// <summary>
/// A tiny run trained for the tests (3 classes x 40 shared drawings, 3 epochs, a few seconds), exported, and served
/// in-process on a free loopback port. Its accuracy does not matter: the tests compare the app with
/// <c>quickdraw predict</c> on the same drawings.
/// </summary>
public sealed class ServedRun : IAsyncLifetime
{
    public static readonly string[] Categories = ["apple", "banana", "eye"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-serve-" + Guid.NewGuid().ToString("N"));

    internal RunFolder Run => new(folder);

    internal CapturedLog Log { get; } = new();

    internal WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The test split's drawings (the 10 after the 40 training ones, per class).</summary>
    public IReadOnlyList<Drawing> TestDrawings { get; private set; } = [];

    public async Task InitializeAsync()
    {
        string data = TestPaths.SimplifiedData();
        var settings = new RunSettings(DataFormat.Strokes, data, Categories, TrainPerClass: 40, TestPerClass: 10, Seed: 1);
        TrainCommand.Execute(Run, settings, epochs: 3, batchSize: 32, DeviceChoice.Cpu, resume: false, TextWriter.Null, ProgressMode.Plain);
        ExportCommand.Execute(Run);
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
        return PredictCommand.Execute(Run, input, "test.ndjson");
    }

    /// <summary>A drawing's strokes as the API takes them: <c>[[[x...],[y...]], ...]</c>, with <c>[t...]</c> when it has times.</summary>
    public static string StrokesJson(Drawing drawing) => JsonSerializer.Serialize(drawing.Strokes.Select(s =>
        s.T is null ? new object[] { s.X, s.Y } : new object[] { s.X, s.Y, s.T }).ToArray());
}
