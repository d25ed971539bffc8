using System;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>A prepared cache that cannot be used as it is: missing, corrupt, truncated, or made with other settings.</summary>
public sealed class DrawingCacheException : Exception
{
    /// <summary>Creates the exception; the message is <c>&lt;path&gt; &lt;problem&gt;</c>.</summary>
    /// <param name="path">The file or folder.</param>
    /// <param name="problem">What is wrong and how to fix it, e.g. "is truncated; run quickdraw prepare again".</param>
    /// <param name="innerException">The underlying error, or null.</param>
    public DrawingCacheException(string path, string problem, Exception? innerException = null)
        : base($"{path} {problem}", innerException)
    {
        Path = path;
    }

    /// <summary>The file or folder.</summary>
    public string Path { get; }
}
