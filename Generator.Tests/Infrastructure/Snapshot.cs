using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Approval snapshots in <c>_snapshots/{Class}.{Method}#{Hint}.verified.{ext}</c>. A mismatch writes
/// <c>.received.</c> beside it and fails; run with <c>QD_UPDATE_SNAPSHOTS=1</c> to accept the received output.
/// Acceptance is refused when <c>CI=true</c>: a CI run must compare, never rewrite, or every snapshot would pass.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string className, string hint, string extension = "cs", [CallerMemberName] string method = "", [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(FindProjectDirectory(callerFile), "_snapshots");
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, $"{className}.{method}#{hint}");
        string verified = stem + ".verified." + extension;
        string received = stem + ".received." + extension;
        string normalized = actual.Replace("\r\n", "\n");

        if (AcceptRequested(Environment.GetEnvironmentVariable("QD_UPDATE_SNAPSHOTS"), Environment.GetEnvironmentVariable("CI"), Path.GetFileName(verified)))
        {
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized);
        throw new Xunit.Sdk.XunitException(expected is null
            ? $"No snapshot yet: review {received} and rename it to {Path.GetFileName(verified)} (or run with QD_UPDATE_SNAPSHOTS=1)."
            : $"Output differs from {Path.GetFileName(verified)}; see {received}. Accept with QD_UPDATE_SNAPSHOTS=1 if the change is intended.\n{FirstDifference(expected, normalized)}");
    }

    /// <summary>
    /// Whether this run accepts received output (<c>QD_UPDATE_SNAPSHOTS=1</c>); throws when it is asked for under CI.
    /// </summary>
    internal static bool AcceptRequested(string? update, string? ci, string snapshot)
    {
        if (update != "1")
        {
            return false;
        }

        if (IsCi(ci))
        {
            throw new Xunit.Sdk.XunitException(
                $"QD_UPDATE_SNAPSHOTS=1 is refused when CI={ci}: snapshots are accepted locally and committed, never rewritten by CI ({snapshot}).");
        }

        return true;
    }

    /// <summary>Whether a <c>CI</c> value means a CI run ("true" or "1", any case, as CI services set it).</summary>
    internal static bool IsCi(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    private static string FindProjectDirectory(string callerFile)
    {
        for (DirectoryInfo? dir = new FileInfo(callerFile).Directory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuickDrawDsl.Generator.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the test project folder from " + callerFile);
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "<end>";
            string right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  expected: {left}\n  actual:   {right}";
            }
        }

        return string.Empty;
    }
}
