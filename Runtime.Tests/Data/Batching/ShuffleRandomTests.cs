using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;

namespace QuickDrawDsl.Runtime.Tests.Data.Batching;

public sealed class ShuffleRandomTests
{
    [Fact]
    public void SameSeedSameSequenceAndStateContinuesIt()
    {
        var a = new ShuffleRandom(7);
        var b = new ShuffleRandom(7);
        Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ShouldBe(Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));

        var c = new ShuffleRandom(0) { State = a.State };
        a.NextInt(1000).ShouldBe(c.NextInt(1000));
        new ShuffleRandom(8).NextUInt64().ShouldNotBe(new ShuffleRandom(7).NextUInt64());
    }

    [Fact]
    public void KnownFirstValueOfSplitMix64()
    {
        // Reference value of SplitMix64 seeded with 0 (first output).
        new ShuffleRandom(0).NextUInt64().ShouldBe(0xE220A8397B1DCDAFUL);
    }

    [Fact]
    public void ShuffleIsAPermutationAndNextIntStaysInRange()
    {
        var random = new ShuffleRandom(3);
        int[] items = Enumerable.Range(0, 100).ToArray();
        random.Shuffle(items);
        items.ShouldNotBe(Enumerable.Range(0, 100).ToArray());
        items.OrderBy(i => i).ShouldBe(Enumerable.Range(0, 100));
        var counts = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            counts[random.NextInt(3)]++;
        }

        counts.ShouldAllBe(c => c > 900 && c < 1100);
        double mean = Enumerable.Range(0, 4000).Select(_ => random.NextGaussian()).Average();
        mean.ShouldBe(0, tolerance: 0.06);
    }
}
