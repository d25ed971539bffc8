using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>A float32 model output copied out of ONNX Runtime: name, row-major values and shape.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Data">The values in row-major order.</param>
/// <param name="Shape">The shape.</param>
public sealed record OnnxTensorData(string Name, float[] Data, long[] Shape)
{
    /// <summary>The value at a multi-dimensional index.</summary>
    /// <param name="index">One index per dimension.</param>
    /// <returns>The value.</returns>
    public float this[params long[] index]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(index);
            if (index.Length != Shape.Length)
            {
                throw new ArgumentException($"Output '{Name}' has {Shape.Length} dimensions, {index.Length} indices given.", nameof(index));
            }

            long flat = 0;
            for (int i = 0; i < index.Length; i++)
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index[i], Shape[i]);
                flat = (flat * Shape[i]) + index[i];
            }

            return Data[flat];
        }
    }

    /// <summary>The shape as a read-only list.</summary>
    public IReadOnlyList<long> Dimensions => Shape;
}
