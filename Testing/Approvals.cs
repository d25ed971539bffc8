using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using QuickDrawDsl.Testing.Approval;

namespace QuickDrawDsl.Testing;

/// <summary>
/// Approval snapshots: received text is compared with <c>{name}.verified.{ext}</c> beside the test source file (or in a
/// folder relative to it). On a mismatch <c>{name}.received.{ext}</c> is written and the test fails with the first
/// difference and a line diff; a match deletes a stale received file. <c>QD_UPDATE_SNAPSHOTS=1</c> or
/// <c>dotnet test -p:QdUpdateSnapshots=true</c> accepts instead: received text becomes the verified file. Acceptance is
/// refused when <c>CI=true</c>, so a pipeline can never approve its own output.
/// </summary>
public static class Approvals
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Approves one text.</summary>
    /// <param name="received">The text to compare with the verified file.</param>
    /// <param name="name">File name stem, e.g. <c>ParserTests.EmptySpec</c>.</param>
    /// <param name="extension">File extension without the dot.</param>
    /// <param name="directory">Folder of the snapshot files, relative to the test source file's folder (or absolute); null: that folder.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling test's source file.</param>
    /// <exception cref="SnapshotMismatchException">The text differs from the verified file, or there is none yet.</exception>
    public static void Verify(string received, string name, string extension = "txt", string? directory = null, [CallerFilePath] string sourceFile = "")
    {
        ArgumentNullException.ThrowIfNull(received);
        VerifyAll([new SnapshotFile(name, extension, received)], directory, sourceFile);
    }

    /// <summary>Approves several texts together: every file is compared (and written when received) before the test fails once.</summary>
    /// <param name="files">The texts to compare.</param>
    /// <param name="directory">Folder of the snapshot files, relative to the test source file's folder (or absolute); null: that folder.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling test's source file.</param>
    /// <exception cref="SnapshotMismatchException">At least one text differs from its verified file, or has none yet.</exception>
    public static void VerifyAll(IEnumerable<SnapshotFile> files, string? directory = null, [CallerFilePath] string sourceFile = "")
    {
        ArgumentNullException.ThrowIfNull(files);
        VerifyAll(files.ToArray(), ResolveDirectory(directory, sourceFile), SnapshotSettings.Current());
    }

    /// <summary>The approval step with explicit settings (the public overloads read them from the process).</summary>
    internal static void VerifyAll(IReadOnlyList<SnapshotFile> files, string directory, SnapshotSettings settings)
    {
        if (settings.UpdateRequested && settings.OnCi)
        {
            throw new SnapshotMismatchException(
                $"Snapshot acceptance is refused on CI (CI=true) but was requested ({settings.UpdateSource}): accept snapshots on a developer machine and commit the .verified. files.");
        }

        Directory.CreateDirectory(directory);
        var failures = new StringBuilder();
        int failed = 0;
        foreach (SnapshotFile file in files)
        {
            ValidateName(file);
            string verified = Path.Combine(directory, $"{file.Name}.verified.{file.Extension}");
            string received = Path.Combine(directory, $"{file.Name}.received.{file.Extension}");
            string text = SnapshotText.Normalize(file.Text);

            if (settings.UpdateRequested)
            {
                File.WriteAllText(verified, text, Utf8NoBom);
                File.Delete(received);
                continue;
            }

            string? expected = File.Exists(verified) ? SnapshotText.Normalize(File.ReadAllText(verified)) : null;
            if (expected == text)
            {
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, text, Utf8NoBom);
            failed++;
            failures.Append('\n');
            if (expected is null)
            {
                failures.Append($"{Path.GetFileName(verified)} does not exist yet. Review {received}, then accept it (rename it to {Path.GetFileName(verified)}).\n");
            }
            else
            {
                failures.Append($"{Path.GetFileName(verified)} differs from what the test received ({received}).\n");
                failures.Append(TextDiff.Describe(expected, text));
            }
        }

        if (failed > 0)
        {
            throw new SnapshotMismatchException(
                $"{failed} of {files.Count} snapshot file(s) in {directory} differ. If the change is intended, accept it with {SnapshotSettings.UpdateVariable}=1 dotnet test (or dotnet test -p:QdUpdateSnapshots=true) and commit the .verified. files.\n"
                + failures);
        }
    }

    /// <summary>The snapshot folder: <paramref name="directory"/> relative to the test source file's folder, or absolute.</summary>
    internal static string ResolveDirectory(string? directory, string sourceFile)
    {
        string? sourceFolder = string.IsNullOrEmpty(sourceFile) ? null : Path.GetDirectoryName(sourceFile);
        if (directory is not null && Path.IsPathRooted(directory))
        {
            return Path.GetFullPath(directory);
        }

        if (sourceFolder is null || !Directory.Exists(sourceFolder))
        {
            throw new InvalidOperationException(
                $"The test's source folder '{sourceFolder}' does not exist on this machine (a path-mapped build, e.g. ContinuousIntegrationBuild=true?): pass an absolute snapshot directory.");
        }

        return Path.GetFullPath(Path.Combine(sourceFolder, directory ?? string.Empty));
    }

    private static void ValidateName(SnapshotFile file)
    {
        if (string.IsNullOrWhiteSpace(file.Name) || file.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || file.Name.Contains('/', StringComparison.Ordinal) || file.Name.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Snapshot name '{file.Name}' is not a file name: use letters, digits, '.', '#', '_' or '-'.", nameof(file));
        }

        if (string.IsNullOrWhiteSpace(file.Extension) || file.Extension.StartsWith('.') || file.Extension.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"Snapshot extension '{file.Extension}' must be an extension without the dot, e.g. txt.", nameof(file));
        }
    }
}
