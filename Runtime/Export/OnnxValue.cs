using System;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>A named value of an ONNX graph under construction (a graph input, an initializer or a node output) and its rank.</summary>
public sealed record OnnxValue
{
    /// <summary>Creates a reference to a value.</summary>
    /// <param name="name">The value's unique name in the graph.</param>
    /// <param name="rank">The number of dimensions, known when the graph is built.</param>
    public OnnxValue(string name, int rank)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        Name = name;
        Rank = rank;
    }

    /// <summary>The value's unique name in the graph.</summary>
    public string Name { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank { get; }

    /// <summary>The name and rank.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} (rank {Rank})";
}
