using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Runtime.Data.QuickDraw.Download;
using QuickDrawDsl.Runtime.Tests.Data.QuickDraw.Download;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary><c>quickdraw download --categories all</c>: Google's 345 categories, fetched from a loopback bucket with a per-class cap.</summary>
public sealed class DownloadAllTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-download-all-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AllFetchesEveryPublishedCategoryWithTheCap()
    {
        string[] names = DownloadCommand.Names("all");
        names.Length.ShouldBe(QuickDrawCategories.Count);
        names.Distinct(StringComparer.Ordinal).Count().ShouldBe(345);
        names[0].ShouldBe("aircraft carrier");
        Array.IndexOf(names, "The Eiffel Tower").ShouldBe(308, "line 309 of Google's categories.txt");
        if (SharedData.Root is not null)
        {
            names.ShouldBe(File.ReadAllLines(SharedData.PathOf("quickdraw", "categories.txt")).Where(l => l.Length > 0).ToArray());
        }

        var bucket = names.ToDictionary(n => "/full/simplified/" + n + ".ndjson", n => BucketFiles.Ndjson(n, 5));
        using var server = new FixtureServer(bucket);
        var options = new QuickDrawDownloadOptions { BaseUri = server.BaseUri, MaxPerClass = 3 };
        await DownloadCommand.ExecuteAsync(names, folder, options, System.Threading.CancellationToken.None);

        string[] written = Directory.GetFiles(folder, "*.ndjson").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;
        written.ShouldBe(names.Order(StringComparer.Ordinal).ToArray());
        foreach (string name in names)
        {
            File.ReadAllLines(Path.Combine(folder, name + ".ndjson")).Length.ShouldBe(3, name);
        }

        server.Requests.Select(r => r.Path).Distinct().Count().ShouldBe(345);
    }
}
