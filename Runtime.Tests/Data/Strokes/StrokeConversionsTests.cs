using System.Linq;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.Strokes;

public sealed class StrokeConversionsTests
{
    /// <summary>Two strokes: an L from (2,3) to (12,3) to (12,13), then a dash from (22,23) to (27,23).</summary>
    internal static Stroke[] LAndDash() =>
    [
        new([2f, 12f, 12f], [3f, 3f, 13f]),
        new([22f, 27f], [23f, 23f]),
    ];

    [Fact]
    public void Stroke3FromZeroKeepsTheAbsoluteStart()
    {
        Stroke3Sequence s = StrokeConversions.ToStroke3(LAndDash());
        s.Length.ShouldBe(5);
        s.Data.ShouldBe(
        [
            2f, 3f, 0f,
            10f, 0f, 0f,
            0f, 10f, 1f,
            10f, 10f, 0f,
            5f, 0f, 1f,
        ]);
    }

    [Fact]
    public void Stroke3FromTheFirstPointStartsWithAZeroOffset()
    {
        Stroke3Sequence s = StrokeConversions.ToStroke3(LAndDash(), Stroke3Origin.FirstPoint);
        s.Data.Take(3).ShouldBe([0f, 0f, 0f]);
        s.Data.Skip(3).ShouldBe(StrokeConversions.ToStroke3(LAndDash()).Data.Skip(3));
    }

    [Fact]
    public void Stroke3SumsBackToTheOriginalStrokes()
    {
        var back = StrokeConversions.ToStrokes(StrokeConversions.ToStroke3(LAndDash()));
        back.Count.ShouldBe(2);
        back[0].X.ShouldBe([2f, 12f, 12f]);
        back[0].Y.ShouldBe([3f, 3f, 13f]);
        back[1].X.ShouldBe([22f, 27f]);
        back[1].Y.ShouldBe([23f, 23f]);
    }

    [Fact]
    public void Stroke5HasPenStatesAndEndOfSequenceRows()
    {
        Stroke3Sequence s = StrokeConversions.ToStroke3(LAndDash());
        float[] five = StrokeConversions.ToStroke5(s, maxLength: 6);
        five.Length.ShouldBe(7 * 5);
        five.ShouldBe(
        [
            2f, 3f, 1f, 0f, 0f,
            10f, 0f, 1f, 0f, 0f,
            0f, 10f, 0f, 1f, 0f,
            10f, 10f, 1f, 0f, 0f,
            5f, 0f, 0f, 1f, 0f,
            0f, 0f, 0f, 0f, 1f,
            0f, 0f, 0f, 0f, 1f,
        ]);

        float[] withStart = StrokeConversions.ToStroke5(s, maxLength: 5, prependStartToken: true);
        withStart.Length.ShouldBe(7 * 5);
        withStart.Take(5).ShouldBe([0f, 0f, 1f, 0f, 0f]);
        withStart.Skip(5).Take(5).ShouldBe([2f, 3f, 1f, 0f, 0f]);
        withStart.Skip(30).ShouldBe([0f, 0f, 0f, 0f, 1f]);

        StrokeConversions.FromStroke5(five).Data.ShouldBe(s.Data);
        Should.Throw<System.ArgumentException>(() => StrokeConversions.ToStroke5(s, maxLength: 4)).Message.ShouldContain("truncate");
    }

    [Fact]
    public void EveryRealDrawingSurvivesTheStroke3RoundTrip()
    {
        foreach (Drawing d in new QuickDrawNdjsonReader().ReadFile(Fixtures.PathOf("quickdraw", "simplified_100", "coffee cup.ndjson")))
        {
            Stroke3Sequence s = StrokeConversions.ToStroke3(d);
            s.Length.ShouldBe(d.PointCount);
            Enumerable.Range(0, s.Length).Sum(i => s.PenLift(i)).ShouldBe(d.Strokes.Count);
            var back = StrokeConversions.ToStrokes(s);
            back.SelectMany(b => b.X).ShouldBe(d.Strokes.SelectMany(b => b.X));
            back.SelectMany(b => b.Y).ShouldBe(d.Strokes.SelectMany(b => b.Y));
        }
    }
}
