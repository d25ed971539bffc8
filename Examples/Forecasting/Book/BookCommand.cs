using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary><c>forecast book</c>: Hands-On ML chapter 15's results table, reproduced on the chapter's own protocol, and ours beside it.</summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"The CTA ridership CSV or its folder (default: ${DataLocator.EnvironmentVariable}, ./data/ridership, ../shared/data/ridership)" };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds; every trained row runs once per seed", DefaultValueFactory = _ => "1,2,3" };
        var rows = new Option<string?>("--rows") { Description = "Comma-separated subset of: " + string.Join(", ", BookCatalog.Keys) + " (default: all)" };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Epoch limit per run (the chapter's: 500)", DefaultValueFactory = _ => BookProtocol.MaxEpochs };
        var patience = new Option<int>("--patience") { Description = "Early stopping: epochs without a lower validation MAE (the chapter's: 50)", DefaultValueFactory = _ => BookProtocol.Patience };
        var output = new Option<string>("--out") { Description = "Run folder (results.md, results.csv, epochs.csv)", DefaultValueFactory = _ => Path.Combine("runs", "forecasting-book") };
        var force = new Option<bool>("--force") { Description = "Replace the results of an earlier run in --out" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (runs are bit-identical only at the same count)", DefaultValueFactory = _ => 1 };

        var command = new Command("book", "Hands-On ML ch. 15's table on its own protocol (train 2016–2018, validation windows inside 2019-01..05, SGD + Huber, early stopping with patience 50): naive, SARIMA and the chapter's models against its figures, then ours")
        {
            data, seeds, rows, maxEpochs, patience, output, force, threads,
        };
        command.SetAction(parse =>
        {
            int epochs = parse.GetValue(maxEpochs);
            int wait = parse.GetValue(patience);
            int threadCount = parse.GetValue(threads);
            if (epochs < 1 || wait < 1 || threadCount < 1)
            {
                throw new UserError($"--max-epochs, --patience and --threads must be at least 1 (got {epochs}, {wait}, {threadCount}).");
            }

            IReadOnlyList<int> seedList = ParseSeeds(parse.GetValue(seeds)!);
            string[]? rowList = parse.GetValue(rows)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            BookCatalog.Select(rowList);
            string folder = parse.GetValue(output)!;
            CheckOutputFolder(folder, parse.GetValue(force));
            var settings = new BookSettings(DataLocator.Find(parse.GetValue(data)), seedList, rowList, epochs, wait, folder);
            TorchNative.EnsureLoaded();
            torch.set_num_threads(threadCount);
            BookReport report = BookRun.Execute(settings, Console.Out);
            Console.WriteLine();
            Console.WriteLine(report.Markdown);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {report.TableFile}, {report.SeedsFile}, {report.HistoryFile} in {report.Seconds:0} s."));
            return 0;
        });
        return command;
    }

    /// <summary>Refuses an <c>--out</c> that is a file, or that holds an earlier run's results unless <c>--force</c> says to replace them.</summary>
    /// <exception cref="UserError">The folder cannot be used.</exception>
    internal static void CheckOutputFolder(string folder, bool force)
    {
        if (File.Exists(folder))
        {
            throw new UserError($"--out '{folder}' is a file; give a folder for results.md, results.csv and epochs.csv.");
        }

        string earlier = Path.Combine(folder, BookRun.TableFileName);
        if (File.Exists(earlier) && !force)
        {
            throw new UserError($"--out '{folder}' already holds an earlier run's results ({earlier}); pass --force to replace them, or choose another --out.");
        }
    }

    /// <summary>Parses <c>--seeds</c>: distinct integers separated by commas.</summary>
    /// <exception cref="UserError">A seed is not an integer, is repeated, or none is given.</exception>
    internal static IReadOnlyList<int> ParseSeeds(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seeds = new List<int>();
        foreach (string part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
            {
                throw new UserError($"--seeds: '{part}' is not an integer; write seeds as a comma-separated list, e.g. --seeds 1,2,3.");
            }

            if (seeds.Contains(seed))
            {
                throw new UserError($"--seeds: seed {seed} is given twice; every seed must be different.");
            }

            seeds.Add(seed);
        }

        return seeds.Count > 0 ? seeds : throw new UserError("--seeds is empty; give at least one seed, e.g. --seeds 1,2,3.");
    }
}
