using System;
using System.Globalization;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>
/// One dimension of a graph input or output: a fixed size (<c>dim_value</c>) or a symbolic, dynamic one
/// (<c>dim_param</c>, e.g. <c>"batch"</c> or <c>"time"</c>). Integers and strings convert implicitly.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or <see langword="null"/> for a symbolic dimension.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name, or <see langword="null"/> for a fixed dimension.</summary>
    public string? Symbol { get; }

    /// <summary>Whether the dimension is symbolic (dynamic).</summary>
    public bool IsSymbolic => Symbol is not null;

    /// <summary>A fixed dimension.</summary>
    /// <param name="size">The size; zero is allowed and is written as <c>dim_value: 0</c>.</param>
    /// <returns>The dimension.</returns>
    public static OnnxDim Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDim(size, null);
    }

    /// <summary>A symbolic (dynamic) dimension.</summary>
    /// <param name="name">The name, e.g. <c>"batch"</c>; dimensions with the same name must agree at run time.</param>
    /// <returns>The dimension.</returns>
    public static OnnxDim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnnxDim(null, name);
    }

    /// <summary>Converts a size to a fixed dimension.</summary>
    /// <param name="size">The size.</param>
    public static implicit operator OnnxDim(long size) => Fixed(size);

    /// <summary>Converts a size to a fixed dimension.</summary>
    /// <param name="size">The size.</param>
    public static implicit operator OnnxDim(int size) => Fixed(size);

    /// <summary>Converts a name to a symbolic dimension.</summary>
    /// <param name="name">The name.</param>
    public static implicit operator OnnxDim(string name) => Symbolic(name);

    /// <summary>A fixed dimension (same as the implicit conversion, for languages without it).</summary>
    /// <param name="size">The size.</param>
    /// <returns>The dimension.</returns>
    public static OnnxDim FromInt64(long size) => Fixed(size);

    /// <summary>A symbolic dimension (same as the implicit conversion, for languages without it).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The dimension.</returns>
    public static OnnxDim FromString(string name) => Symbolic(name);

    /// <summary>The size in invariant culture, or the symbolic name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Symbol ?? (Size ?? 0).ToString(CultureInfo.InvariantCulture);
}
