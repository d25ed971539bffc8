using System;
using System.IO;

namespace QuickDrawDsl.CommandLine;

/// <summary>Checks, before anything is read or written, that a program can create or read the paths it was given.</summary>
public static class OutputLocation
{
    /// <summary>Checks that <paramref name="folder"/> is a folder that exists or can be created, and that files can be written in it.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="option">The option that named it, for the message (e.g. <c>--output</c>).</param>
    /// <exception cref="UserError">It is a file, lies under a file, or cannot be written.</exception>
    public static void EnsureWritableFolder(string folder, string option)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(option);
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new UserError($"{option} must not be empty; name a folder, e.g. {option} runs/mine");
        }

        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new UserError($"{option} {folder} is a file, not a folder; choose a folder, e.g. {option} runs/mine");
        }

        EnsureCanWriteIn(full, folder, option);
    }

    /// <summary>Checks that <paramref name="file"/> can be created or replaced (its folder may be missing: it will be created).</summary>
    /// <param name="file">The file.</param>
    /// <param name="option">The option that named it.</param>
    /// <exception cref="UserError">It is a folder, lies under a file, or its folder cannot be written.</exception>
    public static void EnsureWritableFile(string file, string option)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(option);
        string full = Path.GetFullPath(file);
        if (Directory.Exists(full))
        {
            throw new UserError($"{option} {file} is a folder; name a file in it, e.g. {option} {Path.Combine(file, "out.png")}");
        }

        EnsureCanWriteIn(Path.GetDirectoryName(full)!, file, option);
    }

    /// <summary>Checks that <paramref name="file"/> is a readable file.</summary>
    /// <param name="file">The file.</param>
    /// <param name="option">The option that named it.</param>
    /// <param name="what">What the file should hold, for the message (e.g. <c>an ndjson file of drawings</c>).</param>
    /// <exception cref="UserError">It does not exist, is a folder or a broken link, or cannot be read.</exception>
    public static void EnsureReadableFile(string file, string option, string what)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file))
        {
            throw new UserError($"{option} {file} is a folder; give {what}");
        }

        var info = new FileInfo(file);
        bool brokenLink = info.LinkTarget is { } target && !File.Exists(Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, target));
        if (!info.Exists || brokenLink)
        {
            throw new UserError(brokenLink
                ? $"{option} {file} is a broken symbolic link (to '{info.LinkTarget}'); give {what}"
                : $"{option} {file} does not exist; give {what}");
        }

        try
        {
            using FileStream probe = File.OpenRead(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} {file} cannot be read ({Reason(ex)}); give {what}", ex);
        }
    }

    // The nearest existing ancestor must be a folder in which a file can be created.
    private static void EnsureCanWriteIn(string fullFolder, string shown, string option)
    {
        string? existing = fullFolder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new UserError($"{option} {shown} lies under the file {existing}, which cannot hold folders; choose another {option}");
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            throw new UserError($"{option} {shown} cannot be created (no existing folder above it); choose another {option}");
        }

        string probe = Path.Combine(existing, $".qd-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} {shown}: cannot write in {existing} ({Reason(ex)}); choose a writable {option}", ex);
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied or read-only",
        FileNotFoundException or DirectoryNotFoundException => "files cannot be created there",
        _ => OneLine.Of(ex.Message).TrimEnd('.'),
    };
}
