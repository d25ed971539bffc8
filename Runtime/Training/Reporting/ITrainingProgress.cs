namespace QuickDrawDsl.Runtime.Training.Reporting;

/// <summary>Receives progress from the training loop (live bar, plain lines or nothing).</summary>
internal interface ITrainingProgress
{
    void EpochStarted(int epoch, int totalEpochs, int batches, double learningRate);

    void BatchEnded(int epoch, int batch, int batches, double meanLoss, double? metric, string metricName, double samplesPerSecond);

    void EpochEnded(EpochResult result, int totalEpochs);

    void Message(string text);
}
