using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickDrawDsl.CommandLine;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Serve.Tests.Infrastructure;

namespace QuickDrawDsl.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class StartupTests(ServedRun served) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-serve-bad-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void RunsThatCannotBeServedAreOneLineErrorsWithTheFix()
    {
        Should.Throw<UserError>(() => SketchModel.Load(folder)).Message.ShouldContain("quickdraw train --output");

        Directory.CreateDirectory(folder);
        Should.Throw<UserError>(() => SketchModel.Load(folder)).Message.ShouldContain("export the run first: quickdraw export --output");

        File.WriteAllText(Path.Combine(folder, "model.onnx"), "not a model");
        UserError error = Should.Throw<UserError>(() => SketchModel.Load(folder));
        error.Message.ShouldContain("export it again");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void LimitsAreValidatedBeforeAnythingStarts()
    {
        var bad = new ServeOptions { MaxBodyBytes = 10, MaxStrokes = 0 };
        UserError error = Should.Throw<UserError>(() => ServeOptionsValidator.ThrowIfInvalid(bad));
        error.Message.ShouldContain("--max-body-bytes 10");
        error.Message.ShouldContain("--max-strokes 0");

        // And by the host itself at start-up (ValidateOnStart), for whoever builds the app in code.
        WebApplication app = ServeApp.Build(new ServeSettings(served.Run.Path, ["http://127.0.0.1:0"], new ServeOptions { MaxPoints = -1 }, l => l.ClearProviders()));
        Should.Throw<OptionsValidationException>(() => app.StartAsync()).Failures.ShouldContain(f => f.Contains("--max-points -1"));
        ((IDisposable)app).Dispose();
    }

    [Fact]
    public void APortInUseIsAOneLineError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var settings = new ServeSettings(served.Run.Path, [$"http://127.0.0.1:{port}"], new ServeOptions(), l => l.ClearProviders());
        UserError error = Should.Throw<UserError>(() => ServeCommand.Execute(settings));
        error.Message.ShouldContain($"Cannot listen on http://127.0.0.1:{port}");
        error.Message.ShouldContain("--port");
    }

    [Fact]
    public async Task StoppingFinishesTheRequestsInFlight()
    {
        WebApplication app = ServeApp.Build(new ServeSettings(served.Run.Path, ["http://127.0.0.1:0"], new ServeOptions(), l => l.ClearProviders()));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        string body = "{\"drawing\": " + ServedRun.StrokesJson(served.TestDrawings[0]) + "}";
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var refused = new ConcurrentBag<Exception>();
        Task load = Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, token) =>
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await client.PostAsync("/api/predict", content, token);
                statuses.Add(response.StatusCode);
            }
            catch (HttpRequestException ex)
            {
                refused.Add(ex);
            }
        });
        while (statuses.Count < 20)
        {
            await Task.Delay(5);
        }

        await app.StopAsync();
        await load;
        await app.DisposeAsync();

        // Every request the server took was answered in full; the rest found it closed, none got a server error.
        statuses.Count.ShouldBeGreaterThanOrEqualTo(20);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        (statuses.Count + refused.Count).ShouldBe(400);
        refused.Count.ShouldBeGreaterThan(0);
    }
}
