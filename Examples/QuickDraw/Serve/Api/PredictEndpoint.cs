using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Examples.QuickDraw.Serve.Hosting;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>
/// <c>POST /api/predict</c>: reads the body up to the size limit, parses and checks the drawing, applies the training
/// preprocessing and runs the shared ONNX Runtime session. Every bad body is a 400 with a one-line reason in a
/// problem-details body.
/// </summary>
internal static class PredictEndpoint
{
    public const string Route = "/api/predict";

    public static async Task<IResult> Handle(HttpContext context, SketchModel model, IOptions<ServeOptions> options, CancellationToken cancellation)
    {
        ServeOptions limits = options.Value;
        if (context.Request.ContentLength > limits.MaxBodyBytes)
        {
            return TooLarge(context.Request.ContentLength.Value, limits);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(limits.MaxBodyBytes + 1);
        try
        {
            int length = 0;
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellation)) > 0)
                {
                    length += read;
                    if (length > limits.MaxBodyBytes)
                    {
                        return TooLarge(null, limits);
                    }
                }
            }
            catch (BadHttpRequestException ex)
            {
                return Bad("Unreadable body", ex.Message);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException && cancellation.IsCancellationRequested)
            {
                return TypedResults.Empty; // the client went away; there is no one to answer
            }

            // The server's own time starts once the body is in: parsing, preprocessing and inference.
            long start = Stopwatch.GetTimestamp();
            context.Items[RequestLogging.BodyBytesKey] = length;
            DrawingParse parse = DrawingParser.Parse(buffer.AsSpan(0, length), limits);
            if (parse.Error is not null)
            {
                return Bad("Bad drawing", parse.Error);
            }

            context.Items[RequestLogging.StrokesKey] = parse.Strokes!.Count;
            context.Items[RequestLogging.PointsKey] = parse.Strokes.Sum(s => s.PointCount);
            IReadOnlyList<OnnxPrediction> top;
            TimeSpan queue, preprocess, inference;
            try
            {
                (top, queue, preprocess, inference) = await model.PredictAsync(parse.Strokes, limits.TopK, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return TypedResults.Empty;
            }

            // total: the server's work on the request (parse, preprocess, inference), without the wait for a free core.
            double total = Stopwatch.GetElapsedTime(start).TotalMilliseconds - queue.TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = string.Create(
                CultureInfo.InvariantCulture,
                $"queue;dur={queue.TotalMilliseconds:F2}, preprocess;dur={preprocess.TotalMilliseconds:F2}, inference;dur={inference.TotalMilliseconds:F2}, total;dur={total:F2}");
            return TypedResults.Ok(new PredictResponse(top.Select(p => new LabelProbability(p.Label, p.Probability)).ToArray()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(long? declared, ServeOptions limits) => Bad(
        "Body too large",
        string.Create(CultureInfo.InvariantCulture, $"the body is {(declared is long n ? $"{n:N0} bytes" : "larger than the limit")}; the limit is {limits.MaxBodyBytes:N0} bytes (--max-body-bytes)"));

    private static IResult Bad(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}
