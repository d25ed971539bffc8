using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Hosting;

/// <summary>
/// One log line per request: method, path, status, time, and for predictions the size of the drawing (bytes, strokes,
/// points) — never the drawing itself.
/// </summary>
internal static partial class RequestLogging
{
    public const string BodyBytesKey = "qd.body_bytes";

    public const string StrokesKey = "qd.strokes";

    public const string PointsKey = "qd.points";

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        ILogger logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("QuickDraw.Serve.Requests");
        return app.Use(async (context, next) =>
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (context.Items.TryGetValue(StrokesKey, out object? strokes))
                {
                    Drawing(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, ms, (int)context.Items[BodyBytesKey]!, (int)strokes!, (int)context.Items[PointsKey]!);
                }
                else
                {
                    Plain(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, ms);
                }
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {Milliseconds:F1} ms")]
    private static partial void Plain(ILogger logger, string method, PathString path, int status, double milliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {Milliseconds:F1} ms ({Bytes} B, {Strokes} strokes, {Points} points)")]
    private static partial void Drawing(ILogger logger, string method, PathString path, int status, double milliseconds, int bytes, int strokes, int points);
}
