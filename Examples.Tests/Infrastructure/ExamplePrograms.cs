using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>Runs the built example programs as processes (<c>dotnet program.dll args</c>), as a user would.</summary>
public static class ExamplePrograms
{
    /// <summary>The repository root.</summary>
    public static string RepositoryRoot => Path.GetFullPath(Metadata("repo"));

    /// <summary>The path of a program's dll: quickdraw, video, forecast or sketchgen.</summary>
    public static string PathOf(string program)
    {
        string path = Path.GetFullPath(Metadata(program));
        File.Exists(path).ShouldBeTrue($"{path} is not built");
        return path;
    }

    /// <summary>Runs a program to its end (or kills it after <paramref name="timeout"/>).</summary>
    public static ProgramRun Run(string program, IEnumerable<string> args, string workingDirectory, string? stdin = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using Process process = Start(program, args, workingDirectory, environment);
        var clock = Stopwatch.StartNew();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeout}; stderr so far: {stderr.Result}");
        }

        process.WaitForExit();
        return new ProgramRun(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>Starts a program with redirected input and output (the caller reads, writes and waits).</summary>
    public static Process Start(string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(PathOf(program));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        // The sample data must not be found by accident: every case names its data, or expects none to be found.
        info.Environment["QUICKDRAW_DATA"] = string.Empty;
        info.Environment["CTA_RIDERSHIP_DATA"] = string.Empty;
        info.Environment["SKETCHGEN_DATA"] = string.Empty;
        info.Environment["QD_LOG_DIR"] = Path.Combine(workingDirectory, "logs");
        info.Environment["CI"] = "true";
        info.Environment["TERM"] = "xterm-256color";
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static string Metadata(string key) =>
        typeof(ExamplePrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no metadata '{key}'");
}
