using System;
using System.Collections.Generic;
using System.Linq;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Class weights for an imbalanced classification (<see cref="TrainerOptions.ClassWeights"/>).</summary>
public static class ClassWeights
{
    /// <summary>
    /// Weights inversely proportional to class frequency, <c>n / (C · countᵢ)</c> (scikit-learn's "balanced"): every class
    /// contributes equally to the loss, and a balanced data set gets all 1.
    /// </summary>
    /// <param name="samplesPerClass">Training samples of each class, in label order.</param>
    /// <returns>One weight per class.</returns>
    /// <exception cref="ArgumentException">A class has no samples, or a count is negative.</exception>
    public static IReadOnlyList<float> Balanced(IReadOnlyList<long> samplesPerClass)
    {
        ArgumentNullException.ThrowIfNull(samplesPerClass);
        if (samplesPerClass.Count == 0)
        {
            throw new ArgumentException("no classes were given.", nameof(samplesPerClass));
        }

        int empty = samplesPerClass.ToList().FindIndex(c => c <= 0);
        if (empty >= 0)
        {
            throw new ArgumentException($"class {empty} has {samplesPerClass[empty]} training samples: a class without samples cannot be weighted (drop it from the labels).", nameof(samplesPerClass));
        }

        double total = samplesPerClass.Sum();
        return samplesPerClass.Select(c => (float)(total / (samplesPerClass.Count * (double)c))).ToArray();
    }
}
