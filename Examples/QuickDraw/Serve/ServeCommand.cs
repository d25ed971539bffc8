using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace QuickDrawDsl.Examples.QuickDraw.Serve;

/// <summary><c>quickdraw serve</c>: the draw-and-guess web app on a run's exported model.</summary>
internal static class ServeCommand
{
    public const int DefaultPort = 5000;

    public static Command Create()
    {
        var defaults = new ServeOptions();
        var run = new Option<string>("--output") { Description = "Run folder holding model.onnx (from export)", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") };
        var port = new Option<int?>("--port") { Description = $"Port on localhost (default {DefaultPort}; 0 picks a free one)" };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on instead, separated by ';' (e.g. http://0.0.0.0:8080)" };
        var maxBody = new Option<int>("--max-body-bytes") { Description = "Largest request body", DefaultValueFactory = _ => defaults.MaxBodyBytes };
        var maxStrokes = new Option<int>("--max-strokes") { Description = "Most strokes in a drawing", DefaultValueFactory = _ => defaults.MaxStrokes };
        var maxPoints = new Option<int>("--max-points") { Description = "Most points in a drawing", DefaultValueFactory = _ => defaults.MaxPoints };
        var command = new Command("serve", "A web page where you draw and the model guesses as you draw (server or in-browser inference)")
        {
            run, port, urls, maxBody, maxStrokes, maxPoints,
        };
        command.SetAction(parse =>
        {
            var limits = new ServeOptions { MaxBodyBytes = parse.GetValue(maxBody), MaxStrokes = parse.GetValue(maxStrokes), MaxPoints = parse.GetValue(maxPoints) };
            var settings = new ServeSettings(parse.GetValue(run)!, Urls(parse.GetValue(port), parse.GetValue(urls)), limits);
            return Execute(settings);
        });
        return command;
    }

    public static int Execute(ServeSettings settings)
    {
        ServeOptionsValidator.ThrowIfInvalid(settings.Limits);
        using WebApplication app = ServeApp.Build(settings);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (OptionsValidationException ex)
        {
            throw new UserError(string.Join("; ", ex.Failures));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            throw new UserError($"Cannot listen on {string.Join(", ", settings.Urls)}: {ex.Message} Pick another with --port, or stop what uses it.");
        }

        SketchModel model = (SketchModel)app.Services.GetService(typeof(SketchModel))!;
        Console.WriteLine($"quickdraw serve: {model.Name} ({model.Labels.Count} labels: {string.Join(", ", model.Labels.Take(6))}{(model.Labels.Count > 6 ? ", ..." : string.Empty)}) from {model.OnnxPath}");
        Console.WriteLine($"Open {string.Join(" or ", app.Urls)} in a browser; Ctrl+C stops.");
        app.WaitForShutdownAsync().GetAwaiter().GetResult();
        return 0;
    }

    private static string[] Urls(int? port, string? urls)
    {
        if (port is not null && urls is not null)
        {
            throw new UserError("Give --port or --urls, not both (--urls http://localhost:5000 is the same as --port 5000).");
        }

        if (urls is not null)
        {
            string[] list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? bad = list.FirstOrDefault(u => !Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp);
            if (list.Length == 0 || bad is not null)
            {
                throw new UserError($"--urls '{urls}': '{bad ?? urls}' is not an http:// address; use e.g. --urls http://0.0.0.0:8080");
            }

            return list;
        }

        int p = port ?? DefaultPort;
        return p is < 0 or > 65535
            ? throw new UserError($"--port {p} is not a port; use 1-65535 (or 0 for a free one)")
            : [p == 0 ? "http://127.0.0.1:0" : $"http://localhost:{p}"]; // Kestrel picks a free port only on an IP address
    }
}
