using System;

namespace QuickDrawDsl.Runtime.Data.QuickDraw.Download;

/// <summary>A category could not be downloaded; the message says why and what to do. A partial file is kept for resuming.</summary>
public sealed class QuickDrawDownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    /// <param name="inner">The underlying error.</param>
    public QuickDrawDownloadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
