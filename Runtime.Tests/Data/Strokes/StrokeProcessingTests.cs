using System;
using System.Linq;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.Strokes;

public sealed class StrokeProcessingTests
{
    private static Drawing Wrap(params Stroke[] strokes) => new("test", "XX", DateTimeOffset.UnixEpoch, true, 1, strokes);

    [Fact]
    public void OffsetScaleFactorIsThePopulationStdOfDxAndDy()
    {
        var a = new Stroke3Sequence([3f, 4f, 0f, -3f, -4f, 1f]);
        StrokeNormalization.OffsetScaleFactor([a]).ShouldBe(Math.Sqrt(12.5), 1e-12);
        var b = new Stroke3Sequence([1f, 1f, 1f]);
        // values 3, 4, -3, -4, 1, 1: mean 1/3, population variance (52 - 6 * (1/3)^2) / 6
        StrokeNormalization.OffsetScaleFactor([a, b]).ShouldBe(Math.Sqrt((52.0 / 6) - (1.0 / 9)), 1e-12);
        StrokeNormalization.Scale(a, 2).Data.ShouldBe([1.5f, 2f, 0f, -1.5f, -2f, 1f]);
    }

    [RealDataFact]
    public void SheepScaleFactorMatchesAnIndependentComputation()
    {
        var sheep = new SketchRnnNpzReader().ReadMember(SharedData.PathOf("sketchrnn", "aaron_sheep.npz"), "valid");
        double[] values = sheep.SelectMany(s => Enumerable.Range(0, s.Length).SelectMany(i => new double[] { s.Dx(i), s.Dy(i) })).ToArray();
        double mean = values.Average();
        double expected = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        StrokeNormalization.OffsetScaleFactor(sheep).ShouldBe(expected, 1e-9);
    }

    [Fact]
    public void UnitBoxKeepsTheAspectRatio()
    {
        Drawing d = StrokeNormalization.ToUnitBox(Wrap(new Stroke([2f, 12f, 12f], [3f, 3f, 8f])));
        d.Strokes[0].X.ShouldBe([0f, 1f, 1f]);
        d.Strokes[0].Y.ShouldBe([0f, 0f, 0.5f]);
    }

    [Fact]
    public void TruncateClosesTheLastKeptStroke()
    {
        Stroke3Sequence s = StrokeConversions.ToStroke3(StrokeConversionsTests.LAndDash());
        Stroke3Sequence t = StrokeResampling.Truncate(s, 2);
        t.Data.ShouldBe([2f, 3f, 0f, 10f, 0f, 1f]);
        StrokeResampling.Truncate(s, 5).ShouldBeSameAs(s);
    }

    [Fact]
    public void ResampleSpacesPointsEvenlyAlongEachStroke()
    {
        var r = StrokeResampling.Resample([new Stroke([0f, 3f, 3f], [0f, 0f, 4f], [0, 30, 70])], 2f);
        r[0].X.ShouldBe([0f, 2f, 3f, 3f, 3f]);
        r[0].Y.ShouldBe([0f, 0f, 1f, 3f, 4f]);
        r[0].T.ShouldBe([0, 20, 40, 60, 70]);

        var line = StrokeResampling.Resample([new Stroke([0f, 10f], [0f, 0f])], 2.5f);
        line[0].X.ShouldBe([0f, 2.5f, 5f, 7.5f, 10f]);
    }

    [Fact]
    public void DouglasPeuckerDropsPointsWithinTolerance()
    {
        var stroke = new Stroke([0f, 1f, 2f, 2f], [0f, 0.1f, 0f, 2f], [0, 10, 20, 30]);
        var simplified = StrokeResampling.Simplify([stroke], 0.5f);
        simplified[0].X.ShouldBe([0f, 2f, 2f]);
        simplified[0].Y.ShouldBe([0f, 0f, 2f]);
        simplified[0].T.ShouldBe([0, 20, 30]);
        StrokeResampling.Simplify([stroke], 0.05f)[0].PointCount.ShouldBe(4);
        StrokeResampling.Simplify([stroke], 2f)[0].X.ShouldBe([0f, 2f]);
    }

    [Fact]
    public void SimplifyToMaxPointsRaisesTheToleranceThenCuts()
    {
        var stroke = new Stroke([0f, 1f, 2f, 2f], [0f, 0.1f, 0f, 2f]);
        StrokeResampling.SimplifyToMaxPoints([stroke], 4)[0].ShouldBeSameAs(stroke);
        StrokeResampling.SimplifyToMaxPoints([stroke], 3)[0].X.ShouldBe([0f, 2f, 2f]);
        StrokeResampling.SimplifyToMaxPoints([stroke], 2)[0].Y.ShouldBe([0f, 2f]);

        var three = new[] { stroke, stroke, stroke };
        var cut = StrokeResampling.SimplifyToMaxPoints(three, 5); // RDP floor is 2 points per stroke = 6
        cut.Sum(s => s.PointCount).ShouldBe(5);
        cut.Count.ShouldBe(3);
        cut[2].PointCount.ShouldBe(1);
    }

    [Fact]
    public void TheExtremeBananaFitsIn250PointsAfterSimplification()
    {
        Drawing longest = new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", "banana.ndjson")).MaxBy(d => d.PointCount)!;
        longest.PointCount.ShouldBe(841);
        var fitted = StrokeResampling.SimplifyToMaxPoints(longest.Strokes, 250);
        fitted.Sum(s => s.PointCount).ShouldBeLessThanOrEqualTo(250);
        StrokeConversions.ToStroke3(fitted).Length.ShouldBeLessThanOrEqualTo(250);
    }

    [Fact]
    public void PaddedBatchHasValuesLengthsAndMaskAsArraysAndTensors()
    {
        var a = new Stroke3Sequence([1f, 2f, 0f, 3f, 4f, 1f]);
        var b = new Stroke3Sequence([5f, 6f, 0f, 7f, 8f, 0f, 9f, 10f, 1f]);
        PaddedStrokeBatch batch = PaddedStrokeBatch.FromStroke3([a, b]);

        batch.Steps.ShouldBe(3);
        batch.Lengths.ShouldBe([2L, 3L]);
        batch.Values.ShouldBe([1f, 2f, 0f, 3f, 4f, 1f, 0f, 0f, 0f, 5f, 6f, 0f, 7f, 8f, 0f, 9f, 10f, 1f]);
        batch.Mask.ShouldBe([1f, 1f, 0f, 1f, 1f, 1f]);

        TorchNative.EnsureLoaded();
        using (NewDisposeScope())
        {
            Tensor x = batch.ValuesTensor();
            x.shape.ShouldBe([2L, 3L, 3L]);
            x[1, 2, 1].item<float>().ShouldBe(10f);
            Tensor lengths = batch.LengthsTensor();
            lengths.dtype.ShouldBe(ScalarType.Int64);
            lengths.data<long>().ToArray().ShouldBe([2L, 3L]);
            batch.MaskTensor().sum().item<float>().ShouldBe(5f);
        }

        PaddedStrokeBatch capped = PaddedStrokeBatch.FromStroke3([a, b], maxLength: 2);
        capped.Steps.ShouldBe(2);
        capped.Lengths.ShouldBe([2L, 2L]);
        capped.Values.Skip(6).ShouldBe([5f, 6f, 0f, 7f, 8f, 1f]); // truncation closes the stroke

        PaddedStrokeBatch fixedShape = PaddedStrokeBatch.FromStroke3([a], maxLength: 4, padToMaxLength: true);
        fixedShape.Steps.ShouldBe(4);
        fixedShape.Mask.ShouldBe([1f, 1f, 0f, 0f]);

        PaddedStrokeBatch five = PaddedStrokeBatch.FromRows([StrokeConversions.ToStroke5(a, 2)], StrokeConversions.Stroke5Columns);
        five.Steps.ShouldBe(3);
        five.Features.ShouldBe(5);
    }

    [Fact]
    public void RasterizerDrawsAnExactAntiAliasedLine()
    {
        var options = new RasterOptions { Size = 10, LineWidth = 1f, FitToBox = false };
        byte[] image = StrokeRasterizer.Rasterize([new Stroke([2f, 8f], [5.5f, 5.5f])], options);

        // Row 5 holds the line: 6 full pixels (x 2..7), the two end pixels half covered (round(127.5) = 128).
        for (int x = 0; x < 10; x++)
        {
            image[(5 * 10) + x].ShouldBe(x switch { >= 2 and <= 7 => (byte)255, 1 or 8 => (byte)128, _ => (byte)0 });
        }

        image.Sum(p => p).ShouldBe((6 * 255) + (2 * 128));

        byte[] dot = StrokeRasterizer.Rasterize([new Stroke([4.5f], [4.5f])], options);
        dot[(4 * 10) + 4].ShouldBe((byte)255);
        dot.Count(p => p > 0).ShouldBe(1);
    }

    [Fact]
    public void RasterizerFitsAndCentresTheDrawing()
    {
        // A square outline from (0,0) to (100,100) fits into 28 - 2*2 = 24 px, centred: corners at pixels 2 and 26.
        var square = new Stroke([0f, 100f, 100f, 0f, 0f], [0f, 0f, 100f, 100f, 0f]);
        byte[] image = StrokeRasterizer.Rasterize([square], new RasterOptions { LineWidth = 1f });
        image.Length.ShouldBe(28 * 28);
        image[(14 * 28) + 2].ShouldBe((byte)128);   // left edge at x = 2.0: pixels 1 and 2 half covered
        image[(14 * 28) + 1].ShouldBe((byte)128);
        image[(14 * 28) + 14].ShouldBe((byte)0);    // centre empty
        image[(14 * 28) + 26].ShouldBe((byte)128);  // right edge at x = 26.0
        image.Take(28).Sum(p => p).ShouldBe(0);     // top row empty
    }

    [Fact]
    public void ARealDrawingRasterizesInsideThePaddedBox()
    {
        Drawing apple = new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", "apple.ndjson")).First();
        byte[] image = StrokeRasterizer.Rasterize(apple);
        image.Count(p => p > 0).ShouldBeGreaterThan(50);
        for (int i = 0; i < 28; i++)
        {
            image[i].ShouldBe((byte)0);
            image[(27 * 28) + i].ShouldBe((byte)0);
        }
    }

    [Fact]
    public void AugmentationIsSeededAndBounded()
    {
        var s = new Stroke3Sequence([10f, 0f, 0f, 0f, 10f, 1f]);
        Stroke3Sequence a1 = StrokeAugmentation.Augment(s, new Random(42));
        Stroke3Sequence a2 = StrokeAugmentation.Augment(s, new Random(42));
        a1.Data.ShouldBe(a2.Data);
        a1.Data.ShouldNotBe(s.Data);
        a1.Data[2].ShouldBe(0f);
        a1.Data[5].ShouldBe(1f);
        float length = MathF.Sqrt((a1.Data[0] * a1.Data[0]) + (a1.Data[1] * a1.Data[1]));
        length.ShouldBeInRange(8.5f, 11.5f);

        StrokeAugmentation.Augment(s, new Random(1), 0, 0).Data.ShouldBe(s.Data);
        Stroke3Sequence rotated = StrokeAugmentation.Transform(s, 1, 1, Math.PI / 2);
        rotated.Data[0].ShouldBe(0f, 1e-5f);
        rotated.Data[1].ShouldBe(10f, 1e-5f);
        rotated.Data[3].ShouldBe(-10f, 1e-5f);
    }
}
