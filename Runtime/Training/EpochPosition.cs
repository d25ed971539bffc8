using System.IO;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>
/// How far a training epoch got when a mid-epoch checkpoint was written: the shuffling generator's state when the
/// epoch was planned (so the same plan is made again), the batches done, and the running sums of the epoch's metrics.
/// </summary>
internal sealed record EpochPosition(ulong StartShuffleState, int BatchesDone, double LossSum, long Samples, long TargetCount, long Correct, double AbsoluteErrors)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(StartShuffleState);
        writer.Write(BatchesDone);
        writer.Write(LossSum);
        writer.Write(Samples);
        writer.Write(TargetCount);
        writer.Write(Correct);
        writer.Write(AbsoluteErrors);
    }

    public static EpochPosition Read(BinaryReader reader) =>
        new(reader.ReadUInt64(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble());
}
