using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw prepare</c>: converts a folder of Google's files (simplified or raw ndjson, .bin) once into a sharded,
/// memory-mapped cache with train / validation / test splits by key_id hash; a re-run continues where it stopped.
/// </summary>
internal static class PrepareCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder of <category>.ndjson (simplified or raw) or <category>.bin files; default: $QUICKDRAW_DATA, ./data/quickdraw, the shared sample data" };
        var output = new Option<string>("--output") { Description = "The cache folder (a re-run with the same settings continues an interrupted one)", Required = true }.NotBlank();
        var categories = new Option<string?>("--categories") { Description = "Comma-separated categories (default: every file in the data folder)" }.CommaSeparated("apple,banana");
        var validation = new Option<double>("--validation-fraction") { Description = "Share of drawings for validation, by key_id hash", DefaultValueFactory = _ => 0.05 }.Between(0, 1);
        var test = new Option<double>("--test-fraction") { Description = "Share of drawings for the test split, by key_id hash (never the validation drawings)", DefaultValueFactory = _ => 0.05 }.Between(0, 1);
        var splitSeed = new Option<int>("--split-seed") { Description = "Seed mixed into the key_id hash", DefaultValueFactory = _ => 0 };
        var perClass = new Option<int?>("--max-per-class") { Description = "Keep at most the first N drawings of each file" }.AtLeast(1);
        var parallel = new Option<int>("--parallel") { Description = "Files read at the same time", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        Option<double> maxBad = CommonOptions.MaxBadFraction();
        var command = new Command("prepare", "Convert QuickDraw files once into a sharded, memory-mapped training cache (train/validation/test by key_id hash); resumable")
        {
            data, output, categories, validation, test, splitSeed, perClass, parallel, maxBad,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            double v = parse.GetValue(validation), t = parse.GetValue(test);
            if (v + t >= 1)
            {
                throw new UserError(FormattableString.Invariant($"--validation-fraction {v} and --test-fraction {t} leave nothing to train on; keep their sum below 1, e.g. 0.05 each"));
            }

            string cache = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(cache, "--output");
            string folder = DataLocator.Find(parse.GetValue(data), DataFormat.Strokes);
            string? requested = parse.GetValue(categories);
            var options = new DrawingCachePrepareOptions
            {
                ValidationFraction = v,
                TestFraction = t,
                SplitSeed = unchecked((ulong)parse.GetValue(splitSeed)),
                MaxPerClass = parse.GetValue(perClass),
                Classes = requested is null ? null : OptionRules.SplitList(requested),
                Parallelism = parse.GetValue(parallel),
            };
            Execute(folder, cache, options, parse.GetValue(maxBad), Console.Out, cancellationToken);
            return System.Threading.Tasks.Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Prepares the cache, printing a line per file and a summary; enforces the bad-record policy on what was read.</summary>
    public static DrawingCacheManifest Execute(string folder, string cache, DrawingCachePrepareOptions options, double maxBadFraction, TextWriter log, System.Threading.CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(cache);
        string reportFile = Path.Combine(cache, QuickDrawDsl.CommandLine.DataReport.FileName);
        var clock = Stopwatch.StartNew();
        int done = 0;
        DrawingCachePrepareResult result;
        using (var report = new QuickDrawDsl.CommandLine.DataReport(reportFile, $"quickdraw prepare: {folder} -> {cache}"))
        {
            result = DrawingCachePreparer.Prepare(folder, cache, options with
            {
                OnBadRecord = report.Add,
                OnSourceDone = (source, reused) =>
                {
                    done++;
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{done}] {source.File}: {source.Total:N0} drawings (train {source.Train:N0} / validation {source.Validation:N0} / test {source.Test:N0}{(source.Raw > 0 ? $", {source.Raw:N0} raw simplified" : string.Empty)}{(source.BadRecords > 0 ? $", {source.BadRecords:N0} bad" : string.Empty)}){(reused ? " (already prepared)" : string.Empty)} [{clock.Elapsed.TotalSeconds:0.0} s]"));
                },
            }, cancellationToken);
            report.Complete(result.Report);
        }

        DrawingCacheManifest m = result.Manifest;
        long bytes = Directory.EnumerateFiles(Path.Combine(cache, DrawingCacheFormat.ShardFolder), "*" + DrawingCacheFormat.ShardExtension).Sum(f => new FileInfo(f).Length);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cache {cache}: {m.Classes.Count} classes, train {m.Train:N0} / validation {m.Validation:N0} / test {m.Test:N0}, {bytes / 1048576.0:0.0} MiB; {result.Prepared} file(s) prepared, {result.Reused} reused, {clock.Elapsed.TotalSeconds:0.0} s"));
        if (result.Report.BadRecords > 0)
        {
            log.WriteLine($"{result.Report.BadRecords} bad record(s) left out; every one is in {reportFile}");
        }

        var usable = m.Sources.GroupBy(s => s.Class, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Total), StringComparer.Ordinal);
        DataChecks.Enforce(new DataQualityPolicy { MaxBadFraction = maxBadFraction }, result.Report, usable, reportFile, "fix or replace its file, or leave it out with --categories");
        return m;
    }
}
