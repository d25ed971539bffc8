using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw.Download;

/// <summary>
/// A loopback HTTP server with the bucket's layout, serving fixture files. It honours <c>Range: bytes=N-</c>, records
/// the requests, and can break a response after a number of bytes, as a dropped connection would.
/// </summary>
internal sealed class FixtureServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, byte[]> files;
    private readonly Task loop;

    public FixtureServer(Dictionary<string, byte[]> files)
    {
        this.files = files;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Path and Range header of every request, in order.</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    /// <summary>When set, the next response is cut after this many body bytes.</summary>
    public int? BreakNextAfter { get; set; }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the pending GetContextAsync; that is how the loop ends.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            string? range = context.Request.Headers["Range"];
            Requests.Enqueue((path, range));
            HttpListenerResponse response = context.Response;
            if (!files.TryGetValue(path, out byte[]? body))
            {
                response.StatusCode = 404;
                response.Close();
                continue;
            }

            long start = range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) ? long.Parse(range[6..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (start >= body.Length)
            {
                response.StatusCode = 416;
                response.Close();
                continue;
            }

            response.StatusCode = start > 0 ? 206 : 200;
            if (start > 0)
            {
                response.Headers["Content-Range"] = $"bytes {start}-{body.Length - 1}/{body.Length}";
            }

            int length = body.Length - (int)start;
            response.ContentLength64 = length;
            int? cut = BreakNextAfter;
            BreakNextAfter = null;
            try
            {
                if (cut is { } n && n < length)
                {
                    await response.OutputStream.WriteAsync(body.AsMemory((int)start, n)).ConfigureAwait(false);
                    await response.OutputStream.FlushAsync().ConfigureAwait(false);
                    response.Abort();
                    continue;
                }

                await response.OutputStream.WriteAsync(body.AsMemory((int)start, length)).ConfigureAwait(false);
                response.Close();
            }
            catch (HttpListenerException)
            {
                // The client went away (e.g. a capped download stops reading); nothing to serve.
            }
        }
    }
}
