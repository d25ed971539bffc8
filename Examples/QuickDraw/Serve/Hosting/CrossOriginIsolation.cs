using Microsoft.AspNetCore.Builder;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Hosting;

/// <summary>
/// Makes the page cross-origin isolated (COOP same-origin, COEP require-corp): without it browsers withhold
/// SharedArrayBuffer and onnxruntime-web silently runs on one thread.
/// </summary>
internal static class CrossOriginIsolation
{
    public static IApplicationBuilder UseCrossOriginIsolation(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Embedder-Policy"] = "require-corp";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["X-Content-Type-Options"] = "nosniff";
        return next(context);
    });
}
