namespace QuickDrawDsl.Runtime.Inference;

/// <summary>One of the top-k classes of a classifier's prediction.</summary>
/// <param name="Index">The class index in the output.</param>
/// <param name="Label">The class label from the model's metadata, or the index as text when the model has none.</param>
/// <param name="Probability">The softmax probability.</param>
public sealed record OnnxPrediction(int Index, string Label, float Probability);
