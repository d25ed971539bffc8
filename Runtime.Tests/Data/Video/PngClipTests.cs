using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.Video;
using SkiaSharp;

namespace QuickDrawDsl.Runtime.Tests.Data.Video;

public sealed class PngClipTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("qd-png-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void ReadsFramesInNameOrderAsRgbOrGray()
    {
        string clip = Path.Combine(dir, "clip");
        Directory.CreateDirectory(clip);
        WriteFrame(Path.Combine(clip, "frame_002.png"), 6, 4, new SKColor(0, 0, 255));
        WriteFrame(Path.Combine(clip, "frame_000.png"), 6, 4, new SKColor(255, 0, 0));
        WriteFrame(Path.Combine(clip, "frame_001.png"), 6, 4, new SKColor(0, 255, 0), marker: (5, 3));

        VideoClip rgb = VideoClipReader.FromPngFolder(clip, label: 2);
        rgb.Shape.ShouldBe([3L, 3, 4, 6]);
        rgb.Label.ShouldBe(2);
        rgb.At(0, 0, 0, 0).ShouldBe(1f);
        rgb.At(1, 0, 0, 0).ShouldBe(0f);
        rgb.At(1, 1, 0, 0).ShouldBe(1f);
        rgb.At(2, 2, 2, 2).ShouldBe(1f);
        rgb.At(0, 1, 3, 5).ShouldBe(1f, "the white marker pixel at x=5, y=3 of frame 1");
        rgb.At(2, 1, 3, 5).ShouldBe(1f);

        VideoClip gray = VideoClipReader.FromPngFolder(clip, label: 0, grayscale: true);
        gray.Shape.ShouldBe([1L, 3, 4, 6]);
        gray.At(0, 1, 0, 0).ShouldBe(0.587f, tolerance: 1e-3);
    }

    [Fact]
    public void FramesOfDifferentSizesAreRefused()
    {
        string clip = Path.Combine(dir, "bad");
        Directory.CreateDirectory(clip);
        WriteFrame(Path.Combine(clip, "a.png"), 6, 4, SKColors.Black);
        WriteFrame(Path.Combine(clip, "b.png"), 5, 4, SKColors.Black);
        var ex = Should.Throw<InvalidDataException>(() => VideoClipReader.FromPngFolder(clip, 0));
        ex.Message.ShouldContain("b.png");
        ex.Message.ShouldContain("5x4");
        Should.Throw<InvalidDataException>(() => VideoClipReader.FromPngFolder(dir, 0)).Message.ShouldContain("no .png frames");
    }

    [Fact]
    public void FolderDatasetMixesPngFoldersAndNpyFiles()
    {
        string root = Path.Combine(dir, "clips");
        string left = Path.Combine(root, "left", "clip_a");
        Directory.CreateDirectory(left);
        WriteFrame(Path.Combine(left, "0.png"), 4, 4, SKColors.White);
        WriteFrame(Path.Combine(left, "1.png"), 4, 4, SKColors.Black);
        Directory.CreateDirectory(Path.Combine(root, "right"));
        NpyArray.Write(Path.Combine(root, "right", "clip_b.npy"), [1, 2, 4, 4], Enumerable.Repeat(0.25f, 32).ToArray());

        var dataset = new VideoFolderDataset(root, grayscale: true);
        dataset.ClassNames.ShouldBe(["left", "right"]);
        dataset.Count.ShouldBe(2);
        VideoClip a = dataset.Get(0);
        a.Label.ShouldBe(0);
        a.Shape.ShouldBe([1L, 2, 4, 4]);
        a.At(0, 0, 0, 0).ShouldBe(1f, tolerance: 1e-3);
        VideoClip b = dataset.Get(1);
        b.Label.ShouldBe(1);
        b.At(0, 1, 3, 3).ShouldBe(0.25f);
        Should.Throw<DirectoryNotFoundException>(() => new VideoFolderDataset(Path.Combine(dir, "missing")));
    }

    private static void WriteFrame(string path, int width, int height, SKColor color, (int X, int Y)? marker = null)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        if (marker is (int x, int y))
        {
            bitmap.SetPixel(x, y, SKColors.White);
        }

        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
