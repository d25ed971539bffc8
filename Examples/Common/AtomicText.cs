using System;
using System.IO;
using System.Text;
using QuickDrawDsl.CommandLine;

namespace QuickDrawDsl.Examples.Common;

/// <summary>Writes small run files (run.json, results) through a temporary file and a rename, so a killed run never leaves half a file.</summary>
public static class AtomicText
{
    /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="text"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="text">Its content (UTF-8).</param>
    /// <exception cref="UserError">The file cannot be written.</exception>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write {path} ({OneLine.Of(ex.Message).TrimEnd('.')}); choose a writable folder", ex);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
