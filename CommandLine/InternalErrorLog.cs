using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace QuickDrawDsl.CommandLine;

/// <summary>
/// Where a program writes the stack trace of an internal error, so that the terminal gets one line: <c>$QD_LOG_DIR</c>
/// when set, else <c>$XDG_STATE_HOME/quickdrawdsl/logs</c> (<c>~/.local/state/quickdrawdsl/logs</c>; on Windows
/// <c>%LOCALAPPDATA%\quickdrawdsl\logs</c>), else the temporary folder.
/// </summary>
public static class InternalErrorLog
{
    /// <summary>The environment variable that chooses the log folder.</summary>
    public const string FolderVariable = "QD_LOG_DIR";

    /// <summary>The log folder used when nothing else is set.</summary>
    /// <returns>The folder (it may not exist yet).</returns>
    public static string DefaultFolder()
    {
        string? chosen = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrEmpty(chosen))
        {
            return chosen;
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "quickdrawdsl", "logs");
        }

        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string baseFolder = !string.IsNullOrEmpty(state) ? state : Path.Combine(home, ".local", "state");
        return Path.Combine(baseFolder, "quickdrawdsl", "logs");
    }

    /// <summary>Writes the exception, the command line and the versions to a new log file.</summary>
    /// <param name="program">The program's name.</param>
    /// <param name="args">Its command line.</param>
    /// <param name="exception">The error.</param>
    /// <returns>The log file's path, or null when no folder could be written.</returns>
    public static string? Write(string program, string[] args, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string name = string.Create(CultureInfo.InvariantCulture, $"{program}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{program} internal error, {DateTime.UtcNow:O}")
            .AppendLine(CultureInfo.InvariantCulture, $"command line: {program} {string.Join(' ', args)}")
            .AppendLine(CultureInfo.InvariantCulture, $"working directory: {Environment.CurrentDirectory}")
            .AppendLine(CultureInfo.InvariantCulture, $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}")
            .AppendLine()
            .AppendLine(exception.ToString());
        foreach (string folder in new[] { DefaultFolder(), Path.Combine(Path.GetTempPath(), "quickdrawdsl-logs") })
        {
            try
            {
                Directory.CreateDirectory(folder);
                string path = Path.Combine(folder, name);
                File.WriteAllText(path, text.ToString());
                return path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Try the next folder.
            }
        }

        return null;
    }
}
