using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Export;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>A model input or output as the ONNX model declares it: name, element type and dimensions (fixed or symbolic).</summary>
/// <param name="Name">The name.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Dims">The dimensions; a symbolic one carries its name (<c>"?"</c> when the model left it unnamed).</param>
public sealed record OnnxTensorSpec(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDim> Dims)
{
    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Count;

    /// <summary>The dimensions as text, e.g. <c>[batch, time, 3]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Dims.Select(d => d.ToString())) + "]";

    /// <summary>Whether a concrete shape fits: same rank and equal fixed dimensions.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns><see langword="true"/> when it fits.</returns>
    public bool Accepts(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count != Dims.Count)
        {
            return false;
        }

        for (int i = 0; i < shape.Count; i++)
        {
            if (Dims[i].Size is long fixedSize && fixedSize != shape[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="shape"/> does not fit, naming the expected and actual shapes.</summary>
    /// <param name="shape">The shape.</param>
    /// <exception cref="ArgumentException">E.g. <c>input 'strokes' expects [batch, time, 3] but got [2, 40, 5]</c>.</exception>
    public void EnsureAccepts(IReadOnlyList<long> shape)
    {
        if (!Accepts(shape))
        {
            string actual = "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
            throw new ArgumentException($"input '{Name}' expects {ShapeText} but got {actual}");
        }
    }
}
