using System.IO;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>The files a generated command line writes into a run folder (<c>--output</c>, default <c>runs/&lt;model&gt;</c>).</summary>
public static class RunFiles
{
    /// <summary>The training checkpoint (resumable with <c>--resume</c>).</summary>
    public const string Checkpoint = "checkpoint.qdckpt";

    /// <summary>The trained weights with the spec hash and labels (<c>ModelWeights</c>).</summary>
    public const string Weights = "model.qdweights";

    /// <summary>What predicting needs besides the weights: the labels and the feature scale (JSON).</summary>
    public const string Preprocessing = "preprocessing.json";

    /// <summary>What the run was started with: data, classes, seed, spec and split settings (<see cref="Experiments.TrainSettings"/>, JSON).</summary>
    public const string TrainSettings = "train-settings.json";

    /// <summary>The exported model.</summary>
    public const string Onnx = "model.onnx";

    /// <summary>The test split's metrics (JSON).</summary>
    public const string Evaluation = "evaluation.json";

    /// <summary>Every file and folder a run writes, for the run-folder rule.</summary>
    public static readonly string[] All = [Checkpoint, Weights, Preprocessing, TrainSettings, Onnx, Evaluation, "metrics.csv", "tensorboard", DataReport.FileName];

    /// <summary>The default run folder of a model.</summary>
    /// <param name="model">The model's name.</param>
    /// <returns><c>runs/&lt;model&gt;</c>.</returns>
    public static string DefaultFolder(string model) => Path.Combine("runs", model);
}
