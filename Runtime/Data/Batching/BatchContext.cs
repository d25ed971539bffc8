namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>
/// Where a batch sits in its epoch, for random augmentation that is a pure function of the run's seed and the batch's
/// position: a run resumed mid-epoch (or read by several worker threads) augments every sample exactly as an
/// uninterrupted one, with no generator state to save.
/// </summary>
/// <param name="EpochSeed">Drawn once per epoch from the shuffling generator (0 when the epoch is not shuffled).</param>
/// <param name="BatchIndex">The batch's index in its epoch.</param>
/// <param name="FirstSample">The position of the batch's first sample in the epoch's order.</param>
public readonly record struct BatchContext(ulong EpochSeed, int BatchIndex, long FirstSample)
{
    /// <summary>A seed for the <paramref name="offset"/>-th sample of the batch (SplitMix64 of the epoch seed and position).</summary>
    /// <param name="offset">The sample's index within the batch.</param>
    /// <returns>A well-mixed 64-bit seed; distinct positions give unrelated seeds.</returns>
    public ulong SampleSeed(int offset) => Mix(EpochSeed ^ Mix(unchecked((ulong)(FirstSample + offset) + 0x632BE59BD9B4E019UL)));

    /// <summary>A generator for the <paramref name="offset"/>-th sample of the batch.</summary>
    /// <param name="offset">The sample's index within the batch.</param>
    /// <returns>A new generator seeded with <see cref="SampleSeed"/>.</returns>
    public ShuffleRandom SampleRandom(int offset) => new(unchecked((long)SampleSeed(offset)));

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
