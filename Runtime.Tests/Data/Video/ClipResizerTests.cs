using System;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Video;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.Video;

public sealed class ClipResizerTests
{
    [Theory]
    [InlineData(5, 7, 9, 3, 4, 6)]
    [InlineData(3, 4, 6, 5, 7, 9)]
    [InlineData(8, 16, 16, 8, 32, 32)]
    [InlineData(16, 64, 48, 8, 16, 16)]
    public void MatchesPyTorchTrilinearWithoutAlignedCorners(int f, int h, int w, int toF, int toH, int toW)
    {
        var random = new ShuffleRandom(f * 100 + toW);
        var clip = new VideoClip(Enumerable.Range(0, 2 * f * h * w).Select(_ => (float)random.NextDouble()).ToArray(), 2, f, h, w, label: 4);

        VideoClip resized = ClipResizer.Resize(clip, 2, toF, toH, toW);

        resized.Shape.ShouldBe([2L, toF, toH, toW]);
        resized.Label.ShouldBe(4);
        using var scope = NewDisposeScope();
        Tensor expected = nn.functional.interpolate(tensor(clip.Data, [1, 2, f, h, w]), size: [toF, toH, toW], mode: InterpolationMode.Trilinear, align_corners: false);
        float[] want = expected.flatten().data<float>().ToArray();
        resized.Data.Zip(want, (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThan(1e-5f);
    }

    [Fact]
    public void ConvertsGrayAndRgbAndKeepsAClipThatFits()
    {
        var rgb = new VideoClip([1f, 0.5f, 0f, 0.2f, 0.4f, 0.8f], 3, 1, 1, 2, label: 1);
        VideoClip gray = ClipResizer.Resize(rgb, 1, 1, 1, 2);
        gray.Data[0].ShouldBe(0.299f * 1f + 0.587f * 0f + 0.114f * 0.4f, 1e-6f);
        gray.Data[1].ShouldBe(0.299f * 0.5f + 0.587f * 0.2f + 0.114f * 0.8f, 1e-6f);

        VideoClip back = ClipResizer.Resize(gray, 3, 1, 1, 2);
        back.Data.ShouldBe([.. gray.Data, .. gray.Data, .. gray.Data]);

        ClipResizer.Resize(rgb, 3, 1, 1, 2).ShouldBeSameAs(rgb);
        Should.Throw<ArgumentException>(() => ClipResizer.Resize(new VideoClip(new float[4], 2, 1, 1, 2, 0), 1, 1, 1, 2)).Message.ShouldContain("2 channels to 1");
    }
}
