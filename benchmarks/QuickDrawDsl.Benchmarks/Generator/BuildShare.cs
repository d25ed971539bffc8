using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace QuickDrawDsl.Benchmarks.Generator;

/// <summary>
/// The generator's share of <c>dotnet build</c> for the QuickDraw example: the project built as it is (YAML specs,
/// generator as an analyzer) against a copy with the generated files checked in as plain sources and no generator.
/// Both copies live under <c>artifacts/build-share</c> and reference the repository's Runtime; each timed build
/// recompiles the project alone (a touched source file, referenced projects not rebuilt), alternating the two.
/// </summary>
public static partial class BuildShare
{
    /// <summary>Prepares both copies, times <paramref name="rounds"/> builds of each and prints a Markdown table.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="rounds">Timed builds per variant.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(TextWriter output, int rounds)
    {
        string root = GeneratorBenchmarks.RepoRoot();
        string work = Path.Combine(root, "artifacts", "build-share");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        string source = Path.Combine(root, "Examples", "QuickDraw");
        string withGenerator = Prepare(source, Path.Combine(work, "generator"), generator: true);
        string plain = Prepare(source, Path.Combine(work, "plain"), generator: false);

        // One full build of the generator copy writes the generated sources; they become the plain copy's sources.
        string emitted = Path.Combine(work, "emitted");
        Dotnet(withGenerator, "build", "-c", "Release", $"-p:EmitCompilerGeneratedFiles=true", $"-p:CompilerGeneratedFilesOutputPath={emitted}");
        string[] generated = Directory.GetFiles(emitted, "*.cs", SearchOption.AllDirectories);
        if (generated.Length == 0)
        {
            throw new InvalidOperationException($"The generator wrote no sources under {emitted}.");
        }

        string generatedFolder = Path.Combine(Path.GetDirectoryName(plain)!, "Generated");
        Directory.CreateDirectory(generatedFolder);
        foreach (string file in generated)
        {
            File.Copy(file, Path.Combine(generatedFolder, Path.GetFileName(file)));
        }

        Dotnet(plain, "build", "-c", "Release");

        var times = new Dictionary<string, List<double>> { [withGenerator] = [], [plain] = [] };
        for (int round = 0; round < rounds + 1; round++)
        {
            // Alternate which variant goes first; round 0 warms the compiler server and is not counted.
            string[] order = round % 2 == 0 ? [withGenerator, plain] : [plain, withGenerator];
            foreach (string project in order)
            {
                double seconds = TimedCompile(project);
                if (round > 0)
                {
                    times[project].Add(seconds);
                }
            }
        }

        string report = TimedCompile(withGenerator, "-p:ReportAnalyzer=true", "-v:d");
        Match generatorTime = GeneratorTimeLine().Match(report);

        double generatorMedian = Median(times[withGenerator]);
        double plainMedian = Median(times[plain]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Examples/QuickDraw recompiled alone ({generated.Length} generated files from {Directory.GetFiles(Path.Combine(source, "Models"), "*.model.yaml").Length} specs), {rounds} alternating builds per variant after one warm-up round: `dotnet build -c Release --no-restore -p:BuildProjectReferences=false` after touching Program.cs."));
        output.WriteLine();
        output.WriteLine("| variant | median (s) | min (s) | max (s) | ratio |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        Row(output, "generated files checked in, no generator", times[plain], plainMedian);
        Row(output, "YAML specs + generator", times[withGenerator], plainMedian);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generator share of the build (difference of medians / build with generator): {100 * (generatorMedian - plainMedian) / generatorMedian:F1}%."));
        output.WriteLine(generatorTime.Success
            ? $"The compiler's own account (-p:ReportAnalyzer=true): QuickDrawDsl.Generator ran for {generatorTime.Groups["seconds"].Value} s of that build."
            : "The compiler's -p:ReportAnalyzer=true log had no line for QuickDrawDsl.Generator.");
        return 0;
    }

    private static string Prepare(string source, string target, bool generator)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" || (!generator && relative.EndsWith(".model.yaml", StringComparison.Ordinal)))
            {
                continue;
            }

            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        string project = Directory.GetFiles(target, "*.csproj").Single();
        // The copy lives elsewhere: its project references must point at the repository's projects.
        string text = ProjectReference().Replace(
            File.ReadAllText(project),
            m => $"<ProjectReference Include=\"{Path.GetFullPath(Path.Combine(source, m.Groups["path"].Value))}\"");
        if (!generator)
        {
            text = text.Replace("<QdUsesModelGenerator>true</QdUsesModelGenerator>", "<QdUsesModelGenerator>false</QdUsesModelGenerator>", StringComparison.Ordinal);
        }

        File.WriteAllText(project, text);
        return project;
    }

    private static double TimedCompile(string project)
    {
        var clock = Stopwatch.StartNew();
        TimedCompile(project, "-v:q");
        return clock.Elapsed.TotalSeconds;
    }

    private static string TimedCompile(string project, params string[] extra)
    {
        File.SetLastWriteTimeUtc(Path.Combine(Path.GetDirectoryName(project)!, "Program.cs"), DateTime.UtcNow);
        return Dotnet(project, ["build", "-c", "Release", "--no-restore", "-p:BuildProjectReferences=false", "-nologo", .. extra]);
    }

    private static string Dotnet(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(arguments[0]);
        start.ArgumentList.Add(project);
        foreach (string argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} {project} failed ({process.ExitCode}):\n{stdout}\n{errors.Result}");
        }

        return stdout;
    }

    private static void Row(TextWriter output, string variant, List<double> seconds, double baselineMedian) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {variant} | {Median(seconds):F2} | {seconds.Min():F2} | {seconds.Max():F2} | {Median(seconds) / baselineMedian:F2} |"));

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex("<ProjectReference Include=\"(?<path>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"(?<seconds>[0-9]+(\.[0-9]+)?)\s+[0-9<]+\s+QuickDrawDsl\.Generator\.ModelGenerator", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratorTimeLine();
}
