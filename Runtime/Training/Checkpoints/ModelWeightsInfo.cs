using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>What a weights file says about the model it was saved from (<see cref="ModelWeights.ReadInfo"/>).</summary>
/// <param name="ModelName">The model's name (a generated model's spec name, else its module name).</param>
/// <param name="SpecHash">The spec's <see cref="Models.ModelSpecHash"/> when the model was generated, else null.</param>
/// <param name="Labels">The class labels saved with the weights (empty when there are none).</param>
/// <param name="Signature">Every state entry with its shape and dtype (<see cref="ModelSignature"/>); null for files written before the header existed.</param>
public sealed record ModelWeightsInfo(string ModelName, string? SpecHash, IReadOnlyList<string> Labels, string? Signature);
