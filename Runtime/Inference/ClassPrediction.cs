using System;
using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>A classifier's prediction for one sample: the most likely label and every class ranked by probability.</summary>
/// <param name="Ranked">Every class, most likely first (ties: lower index first).</param>
public sealed record ClassPrediction(IReadOnlyList<ClassScore> Ranked)
{
    /// <summary>The most likely label.</summary>
    public string Label => Ranked[0].Label;

    /// <summary>The most likely class's index.</summary>
    public int Index => Ranked[0].Index;

    /// <summary>The most likely class's probability.</summary>
    public float Probability => Ranked[0].Probability;

    /// <summary>The probability of <paramref name="label"/>.</summary>
    /// <param name="label">A label of the model.</param>
    /// <returns>Its probability.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such label (the message lists them).</exception>
    public float ProbabilityOf(string label) =>
        Ranked.FirstOrDefault(s => s.Label == label)?.Probability
        ?? throw new KeyNotFoundException($"'{label}' is not a label of this model (labels: {string.Join(", ", Ranked.OrderBy(s => s.Index).Select(s => s.Label))}).");

    /// <summary>The <paramref name="k"/> most likely classes; k larger than the class count gives every class.</summary>
    /// <param name="k">At least 1.</param>
    /// <returns>Most likely first.</returns>
    public IReadOnlyList<ClassScore> Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return Ranked.Take(k).ToArray();
    }
}
