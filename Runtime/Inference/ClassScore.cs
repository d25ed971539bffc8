namespace QuickDrawDsl.Runtime.Inference;

/// <summary>One class of a prediction with its probability.</summary>
/// <param name="Index">The class index in the model's output.</param>
/// <param name="Label">The class label (the index as text when the model has no labels).</param>
/// <param name="Probability">The probability in <c>[0, 1]</c>.</param>
public sealed record ClassScore(int Index, string Label, float Probability);
