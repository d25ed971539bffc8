using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace QuickDrawDsl.CommandLine;

/// <summary>
/// An existing run folder is never overwritten silently: <c>--resume</c> continues it, <c>--force</c> starts over
/// (deleting only the files a run writes), neither is a one-line error. A folder that holds none of a run's files is
/// free to use.
/// </summary>
/// <param name="FolderOption">The option that names the folder, e.g. <c>--output</c>.</param>
/// <param name="RunFiles">The files and sub-folders a run writes there (names relative to the folder).</param>
/// <param name="CanResume">Whether the command has a <c>--resume</c> (commands without checkpoints only have <c>--force</c>).</param>
public sealed record RunFolderRule(string FolderOption, IReadOnlyList<string> RunFiles, bool CanResume = true)
{
    /// <summary>Decides how to start; changes nothing on disk.</summary>
    /// <param name="folder">The run folder.</param>
    /// <param name="resume">Whether <c>--resume</c> was given.</param>
    /// <param name="force">Whether <c>--force</c> was given.</param>
    /// <returns>How to start.</returns>
    /// <exception cref="UserError">Both options were given, or the folder holds a run and neither was.</exception>
    public RunStart Decide(string folder, bool resume, bool force)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (resume && force)
        {
            throw new UserError($"--resume and --force contradict each other: --resume continues the run in {folder}, --force deletes it and starts over; pass one of them");
        }

        List<string> present = Present(folder);
        if (present.Count == 0)
        {
            return RunStart.New;
        }

        if (force)
        {
            return RunStart.Restart;
        }

        if (resume && CanResume)
        {
            return RunStart.Resume;
        }

        string shown = string.Join(", ", present.Take(4)) + (present.Count > 4 ? ", ..." : string.Empty);
        throw new UserError(CanResume
            ? $"{folder} already holds a run ({shown}); pass --resume to continue it, --force to delete it and start over, or choose another {FolderOption}"
            : $"{folder} already holds results ({shown}); pass --force to replace them, or choose another {FolderOption}");
    }

    /// <summary>Deletes the run's files in <paramref name="folder"/> (nothing else), for <see cref="RunStart.Restart"/>.</summary>
    /// <param name="folder">The run folder.</param>
    /// <exception cref="UserError">A file cannot be deleted.</exception>
    public void Clear(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        foreach (string name in Present(folder))
        {
            string path = Path.Combine(folder, name);
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"--force cannot delete {path} ({OneLine.Of(ex.Message).TrimEnd('.')}); delete it yourself or choose another {FolderOption}", ex);
            }
        }
    }

    /// <summary>The run files present in <paramref name="folder"/> (checkpoint temporaries included).</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>Their names.</returns>
    public List<string> Present(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var names = RunFiles.Where(n => File.Exists(Path.Combine(folder, n)) || Directory.Exists(Path.Combine(folder, n))).ToList();
        foreach (string file in Directory.EnumerateFiles(folder, "*.tmp"))
        {
            string name = Path.GetFileName(file);
            if (RunFiles.Any(r => name.StartsWith(r + ".", StringComparison.Ordinal) || name.StartsWith("." + r + ".", StringComparison.Ordinal)))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
