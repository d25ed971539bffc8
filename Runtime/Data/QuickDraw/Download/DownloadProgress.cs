namespace QuickDrawDsl.Runtime.Data.QuickDraw.Download;

/// <summary>Progress of one category's download.</summary>
/// <param name="Category">The category, e.g. <c>coffee cup</c>.</param>
/// <param name="Bytes">Bytes of the category's file on disk so far (resumed bytes included).</param>
/// <param name="TotalBytes">The file's full size when the server says it and no cap applies; otherwise null.</param>
/// <param name="Drawings">Complete drawings on disk so far (ndjson only; 0 for binary files).</param>
/// <param name="Done">Whether the category is finished.</param>
public sealed record DownloadProgress(string Category, long Bytes, long? TotalBytes, long Drawings, bool Done);
