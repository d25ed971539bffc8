using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace QuickDrawDsl.Runtime.Data.QuickDraw.Download;

/// <summary>
/// Fetches QuickDraw category files from Google's public bucket (or any server with the same layout). Downloads
/// go to <c>{category}.{ext}.part</c> and are renamed when complete; an interrupted download resumes with an HTTP
/// range request. With a per-class cap, reading stops after that many complete lines, so a cap of 1,000 drawings
/// fetches about a megabyte, not the whole file.
/// </summary>
public sealed class QuickDrawDownloader
{
    private readonly HttpClient http;
    private readonly QuickDrawDownloadOptions options;

    /// <summary>Creates a downloader.</summary>
    /// <param name="http">The client to use (owned by the caller).</param>
    /// <param name="options">What to fetch; null for simplified ndjson from the public bucket.</param>
    public QuickDrawDownloader(HttpClient http, QuickDrawDownloadOptions? options = null)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.options = options ?? new QuickDrawDownloadOptions();
    }

    /// <summary>The address of a category's file.</summary>
    /// <param name="category">The category, e.g. <c>coffee cup</c>.</param>
    /// <returns>The absolute URI.</returns>
    public Uri UriOf(string category)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        string path = options.Format == QuickDrawFormat.Binary ? "full/binary/" : "full/simplified/";
        return new Uri(options.BaseUri, path + Uri.EscapeDataString(category) + Extension);
    }

    private string Extension => options.Format == QuickDrawFormat.Binary ? ".bin" : ".ndjson";

    /// <summary>Downloads one category into <paramref name="folder"/>, resuming a partial file if there is one.</summary>
    /// <param name="category">The category, e.g. <c>coffee cup</c> (Google's file names keep the space).</param>
    /// <param name="folder">The output folder; created if needed.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Stops the download; the partial file is kept.</param>
    /// <returns>The path of the complete file.</returns>
    /// <exception cref="QuickDrawDownloadException">The server cannot be reached or refuses the file.</exception>
    public async Task<string> DownloadAsync(string category, string folder, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Uri uri = UriOf(category);
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, category + Extension);
        string part = target + ".part";
        if (File.Exists(target))
        {
            progress?.Report(new DownloadProgress(category, new FileInfo(target).Length, null, 0, Done: true));
            return target;
        }

        bool capped = options.MaxPerClass is not null && options.Format == QuickDrawFormat.SimplifiedNdjson;
        (long resumeAt, long lines) = capped ? CompleteLines(part) : (File.Exists(part) ? new FileInfo(part).Length : 0, 0);
        if (capped && lines >= options.MaxPerClass)
        {
            File.Move(part, target, overwrite: true);
            progress?.Report(new DownloadProgress(category, resumeAt, null, lines, Done: true));
            return target;
        }

        if (capped && File.Exists(part))
        {
            // Drop a torn last line; the range request below starts right after the last complete one.
            using var torn = new FileStream(part, FileMode.Open, FileAccess.Write);
            torn.SetLength(resumeAt);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (resumeAt > 0)
        {
            request.Headers.Range = new RangeHeaderValue(resumeAt, null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new QuickDrawDownloadException(Unreachable(uri, ex), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QuickDrawDownloadException($"Timed out after {options.Timeout.TotalSeconds:F0} s waiting for {uri}; check the connection and run the command again (the partial file is kept).", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new QuickDrawDownloadException($"'{category}' is not a QuickDraw category ({uri} answered 404); see the 345 names in categories.txt.");
            }

            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // The partial file already holds everything the server has.
                File.Move(part, target, overwrite: true);
                return target;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new QuickDrawDownloadException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}; try again later.");
            }

            bool resumed = resumeAt > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            if (!resumed)
            {
                resumeAt = 0;
                lines = 0;
            }

            long? total = capped ? null : response.Content.Headers.ContentLength + resumeAt;
            await using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using var output = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            long written = resumeAt;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                while (true)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        throw new QuickDrawDownloadException($"The connection to {uri} broke after {written:N0} bytes; run the command again to resume.", ex);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    int keep = read;
                    if (capped)
                    {
                        // Write up to and including the newline that completes the cap's last drawing.
                        for (int i = 0; i < read; i++)
                        {
                            if (buffer[i] == (byte)'\n' && ++lines >= options.MaxPerClass)
                            {
                                keep = i + 1;
                                break;
                            }
                        }
                    }

                    await output.WriteAsync(buffer.AsMemory(0, keep), timeout.Token).ConfigureAwait(false);
                    written += keep;
                    progress?.Report(new DownloadProgress(category, written, total, lines, Done: false));
                    if (capped && lines >= options.MaxPerClass)
                    {
                        break;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (total is { } expected && written != expected)
            {
                throw new QuickDrawDownloadException($"{uri} ended after {written:N0} of {expected:N0} bytes; run the command again to resume.");
            }

            await output.FlushAsync(timeout.Token).ConfigureAwait(false);
            output.Close();
            File.Move(part, target, overwrite: true);
            progress?.Report(new DownloadProgress(category, written, total, lines, Done: true));
            return target;
        }
    }

    /// <summary>Bytes and lines of a partial ndjson file up to its last complete line (a torn last line is dropped on resume).</summary>
    private static (long Bytes, long Lines) CompleteLines(string path)
    {
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long position = 0, lastNewline = -1, lines = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        lines++;
                        lastNewline = position + i;
                    }
                }

                position += read;
            }

            return (lastNewline + 1, lines);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Unreachable(Uri uri, HttpRequestException ex)
    {
        bool offline = ex.InnerException is SocketException or IOException || ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError;
        return offline
            ? $"Cannot reach {uri.Host} ({ex.Message}): this machine looks offline. Download the files elsewhere (e.g. gsutil cp 'gs://quickdraw_dataset/full/simplified/*.ndjson' .) and copy them into the data folder, or point --source at a mirror."
            : $"Downloading {uri} failed: {ex.Message}";
    }
}
