namespace QuickDrawDsl.Runtime.Training;

/// <summary>One training step, as <see cref="ITrainingCallback.OnBatchEnd"/> sees it.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Batch">0-based batch within the epoch.</param>
/// <param name="BatchesPerEpoch">Batches in the epoch.</param>
/// <param name="Samples">Samples in this batch.</param>
/// <param name="Loss">This batch's mean loss.</param>
/// <param name="LearningRate">The learning rate of the step.</param>
public sealed record BatchResult(int Epoch, int Batch, int BatchesPerEpoch, int Samples, double Loss, double LearningRate);
