using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using QuickDrawDsl.Runtime.Data.QuickDraw.Download;
using Spectre.Console;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw download</c>: fetches categories from the public QuickDraw bucket, resuming partial files.</summary>
internal static class DownloadCommand
{
    public static Command Create()
    {
        var categories = new Option<string?>("--categories") { Description = "Comma-separated categories, e.g. apple,banana,\"coffee cup\", or all (the 345 of Google's categories.txt)", Required = true }.CommaSeparated("apple,banana");
        var output = new Option<string>("--output") { Description = "Where the files go", DefaultValueFactory = _ => Path.Combine("data", "quickdraw") }.NotBlank();
        var perClass = new Option<int?>("--per-class") { Description = "Keep only the first N drawings of each category (ndjson)" }.AtLeast(1);
        var binary = new Option<bool>("--binary") { Description = "Fetch Google's binary .bin files instead of simplified ndjson" };
        var source = new Option<string>("--source") { Description = "Base address of the bucket or a mirror", DefaultValueFactory = _ => QuickDrawDownloadOptions.PublicBucket.ToString() };
        var command = new Command("download", "Download QuickDraw categories (simplified ndjson or binary) with a progress bar; resumes partial downloads")
        {
            categories, output, perClass, binary, source,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--output");
            var options = new QuickDrawDownloadOptions
            {
                BaseUri = Uri.TryCreate(parse.GetValue(source), UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? uri : throw new UserError($"--source '{parse.GetValue(source)}' is not an absolute http(s) address, e.g. --source {QuickDrawDownloadOptions.PublicBucket}"),
                Format = parse.GetValue(binary) ? QuickDrawFormat.Binary : QuickDrawFormat.SimplifiedNdjson,
                MaxPerClass = parse.GetValue(perClass),
            };
            string[] names = Names(parse.GetValue(categories)!);
            await ExecuteAsync(names, folder, options, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The categories asked for: <c>all</c> is every published category (<see cref="QuickDrawCategories.All"/>).</summary>
    public static string[] Names(string requested)
    {
        string[] names = OptionRules.SplitList(requested);
        if (names.Length == 1 && string.Equals(names[0], "all", StringComparison.OrdinalIgnoreCase))
        {
            return [.. QuickDrawCategories.All];
        }

        if (names.Any(n => string.Equals(n, "all", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UserError($"--categories '{requested}' mixes 'all' with other names; pass either --categories all or a list of names");
        }

        return names;
    }

    public static async Task ExecuteAsync(string[] categories, string folder, QuickDrawDownloadOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var downloader = new QuickDrawDownloader(http, options);
        try
        {
            await ExampleConsole.Create().Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    foreach (string category in categories)
                    {
                        ProgressTask task = context.AddTask(Markup.Escape(category), maxValue: 1);
                        var progress = new Progress<DownloadProgress>(p =>
                        {
                            if (p.TotalBytes is { } total)
                            {
                                task.MaxValue = total;
                            }
                            else if (options.MaxPerClass is { } cap)
                            {
                                task.MaxValue = cap;
                            }

                            task.Value = p.TotalBytes is null && options.MaxPerClass is not null ? p.Drawings : p.Bytes;
                            if (p.Done)
                            {
                                task.Value = task.MaxValue;
                            }
                        });
                        await downloader.DownloadAsync(category, folder, progress, cancellationToken);
                    }
                });
        }
        catch (QuickDrawDownloadException ex)
        {
            throw new UserError(ex.Message);
        }

        Console.WriteLine($"Saved {categories.Length} categories to {Path.GetFullPath(folder)}; train with: quickdraw train --data {folder}");
    }
}
