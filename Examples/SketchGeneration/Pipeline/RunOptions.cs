namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>What one run of the example does.</summary>
/// <param name="DataFile">The QuickDraw simplified ndjson file (one class).</param>
/// <param name="Output">The run folder for weights, ONNX, metrics, results and PNGs.</param>
/// <param name="TrainCount">Drawings for training, from the start of the file.</param>
/// <param name="TestCount">Held-out drawings, right after the training ones.</param>
/// <param name="Training">How the autoencoder is trained.</param>
/// <param name="MaxBadFraction">The share of bad records in the file that is tolerated (--max-bad-fraction).</param>
internal sealed record RunOptions(string DataFile, string Output, int TrainCount, int TestCount, TrainingSettings Training, double MaxBadFraction = QuickDrawDsl.Runtime.Data.Diagnostics.DataQualityPolicy.DefaultMaxBadFraction);
