using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.QuickDraw.Download;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw.Download;

/// <summary>The downloader against a loopback server with the bucket's layout: whole files, caps, resume, and failures.</summary>
public sealed class QuickDrawDownloaderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-download-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, byte[]> files = new()
    {
        ["/full/simplified/apple.ndjson"] = BucketFiles.Ndjson("apple", 200),
        ["/full/simplified/coffee cup.ndjson"] = BucketFiles.Ndjson("coffee cup", 50),
        ["/full/binary/apple.bin"] = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray(),
    };

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DownloadsWholeFilesUnderGooglesNames()
    {
        using var server = new FixtureServer(files);
        using var http = new HttpClient();
        var downloader = new QuickDrawDownloader(http, new QuickDrawDownloadOptions { BaseUri = server.BaseUri });

        string apple = await downloader.DownloadAsync("apple", folder);
        string cup = await downloader.DownloadAsync("coffee cup", folder);

        File.ReadAllBytes(apple).ShouldBe(files["/full/simplified/apple.ndjson"]);
        File.ReadAllBytes(cup).ShouldBe(files["/full/simplified/coffee cup.ndjson"]);
        Path.GetFileName(cup).ShouldBe("coffee cup.ndjson");
        Directory.GetFiles(folder, "*.part").ShouldBeEmpty();

        // What was downloaded reads back as drawings.
        new QuickDrawNdjsonReader().ReadFile(cup).Count().ShouldBe(50);
    }

    [Fact]
    public async Task CapStopsAfterNDrawings()
    {
        using var server = new FixtureServer(files);
        using var http = new HttpClient();
        var progress = new List<DownloadProgress>();
        var downloader = new QuickDrawDownloader(http, new QuickDrawDownloadOptions { BaseUri = server.BaseUri, MaxPerClass = 17 });

        string apple = await downloader.DownloadAsync("apple", folder, new Progress<DownloadProgress>(progress.Add));

        string[] lines = File.ReadAllLines(apple);
        lines.Length.ShouldBe(17);
        lines.ShouldBe(Encoding.UTF8.GetString(files["/full/simplified/apple.ndjson"]).Split('\n').Take(17));
    }

    [Fact]
    public async Task ABrokenDownloadResumesWithARangeRequest()
    {
        using var server = new FixtureServer(files) { BreakNextAfter = 3000 };
        using var http = new HttpClient();
        var downloader = new QuickDrawDownloader(http, new QuickDrawDownloadOptions { BaseUri = server.BaseUri });

        var broken = await Should.ThrowAsync<QuickDrawDownloadException>(() => downloader.DownloadAsync("apple", folder));
        broken.Message.ShouldContain("run the command again to resume");
        long partial = new FileInfo(Path.Combine(folder, "apple.ndjson.part")).Length;
        partial.ShouldBeGreaterThan(0);
        partial.ShouldBeLessThan(files["/full/simplified/apple.ndjson"].Length);

        string apple = await downloader.DownloadAsync("apple", folder);

        File.ReadAllBytes(apple).ShouldBe(files["/full/simplified/apple.ndjson"]);
        server.Requests.Last().Range.ShouldBe($"bytes={partial}-");
    }

    [Fact]
    public async Task ACappedDownloadResumesFromItsLastCompleteDrawing()
    {
        using var server = new FixtureServer(files) { BreakNextAfter = 2500 };
        using var http = new HttpClient();
        var downloader = new QuickDrawDownloader(http, new QuickDrawDownloadOptions { BaseUri = server.BaseUri, MaxPerClass = 100 });

        await Should.ThrowAsync<QuickDrawDownloadException>(() => downloader.DownloadAsync("apple", folder));
        string apple = await downloader.DownloadAsync("apple", folder);

        File.ReadAllLines(apple).ShouldBe(Encoding.UTF8.GetString(files["/full/simplified/apple.ndjson"]).Split('\n').Take(100));
        server.Requests.Last().Range.ShouldNotBeNull();
    }

    [Fact]
    public async Task BinaryFilesUseTheBinaryFolder()
    {
        using var server = new FixtureServer(files);
        using var http = new HttpClient();
        var downloader = new QuickDrawDownloader(http, new QuickDrawDownloadOptions { BaseUri = server.BaseUri, Format = QuickDrawFormat.Binary });

        string apple = await downloader.DownloadAsync("apple", folder);

        File.ReadAllBytes(apple).ShouldBe(files["/full/binary/apple.bin"]);
    }

    [Fact]
    public async Task UnknownCategoryAndOfflineGiveClearMessages()
    {
        using (var server = new FixtureServer(files))
        using (var http = new HttpClient())
        {
            var downloader = new QuickDrawDownloader(http, new QuickDrawDownloadOptions { BaseUri = server.BaseUri });
            var missing = await Should.ThrowAsync<QuickDrawDownloadException>(() => downloader.DownloadAsync("applle", folder));
            missing.Message.ShouldContain("'applle' is not a QuickDraw category");
        }

        using var offlineHttp = new HttpClient();
        var offline = new QuickDrawDownloader(offlineHttp, new QuickDrawDownloadOptions { BaseUri = new Uri($"http://127.0.0.1:{FixtureServer.FreePort()}/") });
        var error = await Should.ThrowAsync<QuickDrawDownloadException>(() => offline.DownloadAsync("apple", folder));
        error.Message.ShouldContain("looks offline");
    }
}
