namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>What a training run took and reached.</summary>
internal sealed record TrainingSummary(int Epochs, double Seconds, double ClipsPerSecond, double ValidationAccuracy, int TrainClips, int ValidationClips, int TestClips);
