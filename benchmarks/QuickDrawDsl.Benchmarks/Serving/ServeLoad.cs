using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QuickDrawDsl.Benchmarks.Data;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Data.Strokes;

namespace QuickDrawDsl.Benchmarks.Serving;

/// <summary>
/// A bounded load test of <c>quickdraw serve</c> on loopback: the CLI started as its own process on 127.0.0.1, a fixed
/// number of <c>POST /api/predict</c> requests at a fixed concurrency (each phase also stops after a time limit), half
/// of them Google-simplified drawings and half canvas-like raw versions of the same drawings. Reports client latency,
/// the server's own time per request (its Server-Timing header), throughput and errors as Markdown.
/// </summary>
public static class ServeLoad
{
    public static int Run(TextWriter output, string runFolder, int requests = 2000, int concurrency = 16, int timeLimitSeconds = 120)
    {
        if (!File.Exists(Path.Combine(runFolder, "model.onnx")))
        {
            Console.Error.WriteLine($"serve-load: {runFolder}/model.onnx is missing; run the main job first (./build.sh) or pass a run folder: serve-load <run>");
            return 2;
        }

        (string[] bodies, double simplifiedPoints, double rawPoints) = Bodies();
        string load = LoadAverage();
        using Process server = StartServer(Path.GetFullPath(runFolder), out Uri address);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = address };
            using JsonDocument model = JsonDocument.Parse(client.GetStringAsync("/api/model").GetAwaiter().GetResult());
            Phase(client, bodies, 50, 1, timeLimitSeconds); // warm-up: JIT, connections

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"`quickdraw serve --output {runFolder} --port 0` in its own process (Kestrel on 127.0.0.1, request logging to a drained pipe), {model.RootElement.GetProperty("name").GetString()} ({model.RootElement.GetProperty("labels").GetArrayLength()} labels); the client in this process; {bodies.Length} distinct bodies: shared test drawings as simplified ({simplifiedPoints:F0} points on average) and as canvas-like raw drawings ({rawPoints:F0} points); both processes share the machine's {Environment.ProcessorCount} cores (load average {load} at the start); server time = parse + preprocess + inference once the body is in, without the wait for a free core (the server runs as many predictions at once as there are cores); each phase stops after its requests or {timeLimitSeconds} s."));
            output.WriteLine();
            output.WriteLine("| requests | concurrent | errors | requests/s | client p50 (ms) | client p99 (ms) | server p50 (ms) | server p99 (ms) | server max (ms) | wait for a core p99 (ms) | preprocess p50 (ms) | inference p50 (ms) |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (int c in new[] { 1, concurrency })
            {
                PhaseResult r = Phase(client, bodies, c == 1 ? Math.Min(500, requests) : requests, c, timeLimitSeconds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Completed:N0}{(r.TimedOut ? " (time limit)" : string.Empty)} | {c} | {r.Errors} | {r.Completed / r.Seconds:N0} | {P(r.Client, 50):F2} | {P(r.Client, 99):F2} | {P(r.ServerTotal, 50):F2} | {P(r.ServerTotal, 99):F2} | {r.ServerTotal.DefaultIfEmpty().Max():F2} | {P(r.Queue, 99):F2} | {P(r.Preprocess, 50):F2} | {P(r.Inference, 50):F2} |"));
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }

        return 0;
    }

    // The CLI exactly as a user starts it, from this program's folder (the QuickDraw example is referenced, so its
    // quickdraw.dll, page and onnxruntime-web files are here); waits for the address it prints.
    private static Process StartServer(string runFolder, out Uri address)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "quickdraw.dll"), "serve", "--output", runFolder, "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        Process server = Process.Start(start) ?? throw new InvalidOperationException("could not start quickdraw serve");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("Open http://", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(new Uri(e.Data.Split(' ')[1]));
            }
        };
        server.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine("quickdraw serve: " + e.Data);
            }
        };
        server.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"quickdraw serve exited with {server.ExitCode} before listening"));
        server.EnableRaisingEvents = true;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            server.Kill(entireProcessTree: true);
            throw new TimeoutException("quickdraw serve did not print its address within 60 s");
        }

        address = ready.Task.Result;
        return server;
    }

    private static PhaseResult Phase(HttpClient client, string[] bodies, int requests, int concurrency, int timeLimitSeconds)
    {
        var client_ = new ConcurrentBag<double>();
        var total = new ConcurrentBag<double>();
        var preprocess = new ConcurrentBag<double>();
        var inference = new ConcurrentBag<double>();
        var queue = new ConcurrentBag<double>();
        int errors = 0, completed = 0, next = -1;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(timeLimitSeconds));
        long start = Stopwatch.GetTimestamp();
        Task[] workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && !limit.IsCancellationRequested)
            {
                long sent = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(bodies[i % bodies.Length], Encoding.UTF8, "application/json");
                    using HttpResponseMessage response = await client.PostAsync("/api/predict", content, limit.Token);
                    _ = await response.Content.ReadAsByteArrayAsync(limit.Token);
                    client_.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else
                    {
                        foreach (string part in response.Headers.GetValues("Server-Timing").Single().Split(','))
                        {
                            string[] kv = part.Trim().Split(";dur=");
                            double ms = double.Parse(kv[1], CultureInfo.InvariantCulture);
                            (kv[0] switch { "total" => total, "preprocess" => preprocess, "queue" => queue, _ => inference }).Add(ms);
                        }
                    }
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                Interlocked.Increment(ref completed);
            }
        })).ToArray();
        Task.WaitAll(workers);
        return new PhaseResult(completed, errors, Stopwatch.GetElapsedTime(start).TotalSeconds, limit.IsCancellationRequested,
            [.. client_.Order()], [.. total.Order()], [.. preprocess.Order()], [.. inference.Order()], [.. queue.Order()]);
    }

    private static (string[] Bodies, double SimplifiedPoints, double RawPoints) Bodies()
    {
        string folder = Path.Combine(SharedDataFolder.Shared(), "quickdraw", "simplified_100");
        var reader = new QuickDrawNdjsonReader(new QuickDrawReadOptions { DeduplicateKeyIds = false });
        Drawing[] drawings = Directory.GetFiles(folder, "*.ndjson").Order(StringComparer.Ordinal)
            .SelectMany(f => reader.ReadFile(f).Skip(80).Take(10)).ToArray();
        var random = new Random(1);
        Drawing[] raw = drawings.Select(d => RawDrawingMaker.FromSimplified(d, random)).ToArray();
        string Body(Drawing d) => "{\"drawing\":" + JsonSerializer.Serialize(d.Strokes.Select(s => s.T is null ? new object[] { s.X, s.Y } : new object[] { s.X, s.Y, s.T }).ToArray()) + "}";
        return (drawings.Zip(raw).SelectMany(p => new[] { Body(p.First), Body(p.Second) }).ToArray(), drawings.Average(d => d.PointCount), raw.Average(d => d.PointCount));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double P(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)];

    private sealed record PhaseResult(int Completed, int Errors, double Seconds, bool TimedOut, double[] Client, double[] ServerTotal, double[] Preprocess, double[] Inference, double[] Queue);
}
