using System;
using System.IO;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Opens an input file for a reader; a file that cannot be opened is a bad record, not an exception.</summary>
internal static class FileAccessHelper
{
    /// <summary>The open file, or null after reporting it as <see cref="BadRecordKind.Unreadable"/> (strict mode: throws).</summary>
    public static FileStream? OpenOrReport(string path, DataReadReport report, BadRecordPolicy policy, string unit, int bufferSize)
    {
        try
        {
            if (Directory.Exists(path))
            {
                report.Reject(new BadRecord(path, unit, 0, BadRecordKind.Unreadable, "is a folder, not a file"), policy);
                return null;
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string reason = ex switch
            {
                FileNotFoundException when IsBrokenLink(path) => $"is a broken symbolic link (to '{new FileInfo(path).LinkTarget}')",
                FileNotFoundException or DirectoryNotFoundException => "does not exist",
                UnauthorizedAccessException => "cannot be read (permission denied)",
                _ => "cannot be read: " + ex.Message,
            };
            report.Reject(new BadRecord(path, unit, 0, BadRecordKind.Unreadable, reason), policy, ex);
            return null;
        }
    }

    private static bool IsBrokenLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null;
    }
}
