using System;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Examples.QuickDraw.Serve.Api;
using QuickDrawDsl.Examples.QuickDraw.Serve.Hosting;

namespace QuickDrawDsl.Examples.QuickDraw.Serve;

/// <summary>
/// The draw-and-guess web app: the page (wwwroot, with onnxruntime-web for the in-browser mode), <c>POST /api/predict</c>,
/// <c>GET /api/model</c>, <c>GET /api/model/onnx</c>, <c>GET /healthz</c> and the OpenAPI document at
/// <c>/openapi/v1.json</c>, on Kestrel. Built by <c>quickdraw serve</c> and, in-process, by the tests.
/// </summary>
internal static class ServeApp
{
    /// <summary>How long a stopping server waits for requests in flight.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Loads the model (a <see cref="UserError"/> when it cannot be served) and builds the app, not started.</summary>
    public static WebApplication Build(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(webRoot, "index.html")) || !File.Exists(Path.Combine(webRoot, "ort", "ort.wasm.min.js")))
        {
            throw new UserError($"The page is missing from {webRoot} (index.html and ort/); build the QuickDraw example again: dotnet build -c Release Examples/QuickDraw");
        }

        SketchModel model = SketchModel.Load(settings.RunFolder);
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ContentRootPath = AppContext.BaseDirectory,
                WebRootPath = webRoot,
                ApplicationName = typeof(ServeApp).Assembly.GetName().Name,
            });
            builder.WebHost.UseUrls([.. settings.Urls]);
            builder.Logging.ClearProviders();
            if (settings.ConfigureLogging is not null)
            {
                settings.ConfigureLogging(builder.Logging);
            }
            else
            {
                builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

                // A failed start (port in use, bad address) reaches the user as one line from ServeCommand; the host's
                // and Kestrel's own reports of it would add a stack trace.
                builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
                builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", level => level is >= LogLevel.Warning and < LogLevel.Critical);
            }

            builder.Services.AddSingleton(_ => model); // made by a factory, so the app disposes it
            builder.Services.AddSingleton<IValidateOptions<ServeOptions>, ServeOptionsValidator>();
            builder.Services.AddOptions<ServeOptions>()
                .Configure(o =>
                {
                    o.MaxBodyBytes = settings.Limits.MaxBodyBytes;
                    o.MaxStrokes = settings.Limits.MaxStrokes;
                    o.MaxPoints = settings.Limits.MaxPoints;
                    o.MaxCoordinate = settings.Limits.MaxCoordinate;
                    o.TopK = settings.Limits.TopK;
                })
                .ValidateOnStart();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
            builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, QuickDrawJsonContext.Default));
            builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            {
                c.ProblemDetails.Detail ??= c.HttpContext.Response.StatusCode switch
                {
                    StatusCodes.Status415UnsupportedMediaType => "send the drawing as JSON, with the header Content-Type: application/json",
                    StatusCodes.Status404NotFound => $"nothing at {c.HttpContext.Request.Path}; the page is at /, the API at {PredictEndpoint.Route}, {ModelEndpoints.Route} and /openapi/v1.json",
                    StatusCodes.Status405MethodNotAllowed => $"{c.HttpContext.Request.Method} is not allowed on {c.HttpContext.Request.Path}",
                    StatusCodes.Status500InternalServerError => "the server failed on this request; its log has the details",
                    _ => null,
                };
            });
            builder.Services.AddHealthChecks();
            builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "quickdraw serve";
                document.Info.Description = $"Draw and guess with {model.Name} ({model.Labels.Count} labels).";
                return System.Threading.Tasks.Task.CompletedTask;
            }));

            WebApplication app = builder.Build();
            app.Services.GetRequiredService<SketchModel>(); // resolved now, so the container owns (and disposes) it
            app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
                app.Logger.LogInformation("Stopping: finishing the requests in flight (up to {Seconds} s)", ShutdownTimeout.TotalSeconds));
            app.UseRequestLogging();
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseCrossOriginIsolation();
            app.UseDefaultFiles();
            app.UseStaticFiles();
            MapEndpoints(app);
            return app;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapPost(PredictEndpoint.Route, PredictEndpoint.Handle)
            .WithName("Predict")
            .WithSummary("The most likely labels for a drawing")
            .WithDescription("Raw strokes ([[x...],[y...],[t...]] in canvas pixels, t optional) go through Google's simplification first; simplified ones (integers 0-255, no t) go straight to the training preprocessing.")
            .Accepts<PredictRequest>("application/json")
            .Produces<PredictResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .DisableAntiforgery();
        app.MapGet(ModelEndpoints.Route, ModelEndpoints.Describe)
            .WithName("Model")
            .WithSummary("The model's name, labels, inputs and preprocessing");
        app.MapGet(ModelEndpoints.OnnxRoute, ModelEndpoints.Onnx)
            .WithName("ModelFile")
            .WithSummary("The ONNX model file, for the in-browser mode")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        app.MapHealthChecks("/healthz");
        app.MapOpenApi();
    }
}
