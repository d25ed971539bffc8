namespace QuickDrawDsl.Runtime.Data.Batching;

/// <summary>A random-access collection of samples. Implementations must be safe to read from a background thread.</summary>
/// <typeparam name="T">Sample type (plain .NET data, not tensors).</typeparam>
public interface IDataset<out T>
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Returns sample <paramref name="index"/> (0-based).</summary>
    /// <param name="index">Sample index.</param>
    /// <returns>The sample.</returns>
    T Get(int index);
}
