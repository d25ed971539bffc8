using System;

namespace QuickDrawDsl.Runtime.Data.QuickDraw.Download;

/// <summary>What <see cref="QuickDrawDownloader"/> fetches and from where.</summary>
public sealed record QuickDrawDownloadOptions
{
    /// <summary>Google's public bucket; every category file lives below it.</summary>
    public static readonly Uri PublicBucket = new("https://storage.googleapis.com/quickdraw_dataset/");

    /// <summary>Where the files come from (a local server in tests, a mirror, or <see cref="PublicBucket"/>).</summary>
    public Uri BaseUri { get; init; } = PublicBucket;

    /// <summary>Which file format to fetch.</summary>
    public QuickDrawFormat Format { get; init; } = QuickDrawFormat.SimplifiedNdjson;

    /// <summary>Keep only the first N drawings of each category (ndjson only); null keeps the whole file.</summary>
    public int? MaxPerClass { get; init; }

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
