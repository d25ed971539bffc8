using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.NumPy;
using QuickDrawDsl.Runtime.Data.Video;

namespace QuickDrawDsl.Runtime.Tests.Data.Video;

public sealed class VideoClipWriterTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(ClipLayout.ChannelsFramesHeightWidth)]
    [InlineData(ClipLayout.FramesHeightWidthChannels)]
    public void NpyRoundTripsExactlyInEitherLayout(ClipLayout layout)
    {
        VideoClip clip = RandomClip(channels: 3, label: 2);
        string path = dir.File("clip.npy");
        VideoClipWriter.ToNpy(clip, path, layout);

        NpyArray.Read(path).Shape.ShouldBe(layout == ClipLayout.ChannelsFramesHeightWidth ? [3, 4, 5, 6] : [4, 5, 6, 3]);
        VideoClip back = VideoClipReader.FromNpy(path, layout, label: 2);
        back.Shape.ShouldBe(clip.Shape);
        back.Data.ShouldBe(clip.Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PngFramesRoundTripEightBitValues(int channels)
    {
        VideoClip clip = RandomClip(channels, label: 0);
        VideoClip quantised = new(clip.Data.Select(v => VideoClipWriter.ToByte(v) / 255f).ToArray(), channels, clip.Frames, clip.Height, clip.Width, 0);
        string folder = Path.Combine(dir.Path, "frames");
        VideoClipWriter.ToPngFolder(clip, folder);

        Directory.GetFiles(folder).Select(Path.GetFileName).Order().ShouldBe(["frame_000.png", "frame_001.png", "frame_002.png", "frame_003.png"]);
        VideoClip back = VideoClipReader.FromPngFolder(folder, label: 0, grayscale: channels == 1);
        back.Shape.ShouldBe(clip.Shape);
        back.Data.Zip(quantised.Data, (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThan(1e-6f);
        back.Data.Zip(clip.Data, (a, b) => Math.Abs(a - Math.Clamp(b, 0, 1))).Max().ShouldBeLessThanOrEqualTo(0.5f / 255f + 1e-6f);
    }

    [Fact]
    public void PngNeedsOneOrThreeChannels()
    {
        Should.Throw<ArgumentException>(() => VideoClipWriter.ToPngFolder(RandomClip(2, 0), dir.File("two"))).Message.ShouldContain("1 or 3 channels");
    }

    [Fact]
    public void FolderDatasetNamesEachClipsPathAndLabel()
    {
        VideoClipWriter.ToNpy(RandomClip(1, 0), Path.Combine(Directory.CreateDirectory(dir.File("b")).FullName, "x.npy"));
        VideoClipWriter.ToPngFolder(RandomClip(1, 0), Path.Combine(Directory.CreateDirectory(dir.File("a")).FullName, "y"));
        var dataset = new VideoFolderDataset(dir.Path, grayscale: true);
        dataset.ClassNames.ShouldBe(["a", "b"]);
        dataset.PathOf(0).ShouldBe(Path.Combine(dir.Path, "a", "y"));
        dataset.PathOf(1).ShouldBe(Path.Combine(dir.Path, "b", "x.npy"));
        dataset.LabelOf(1).ShouldBe(1);
    }

    private static VideoClip RandomClip(int channels, long label)
    {
        var random = new ShuffleRandom(channels);
        float[] data = Enumerable.Range(0, channels * 4 * 5 * 6).Select(_ => (float)((random.NextDouble() * 1.2) - 0.1)).ToArray();
        return new VideoClip(data, channels, 4, 5, 6, label);
    }
}
