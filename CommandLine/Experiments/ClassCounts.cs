using System.Collections.Generic;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>Examples per class name, counted in one pass over their class indexes (a full run has hundreds of classes).</summary>
internal static class ClassCounts
{
    /// <summary>Counts the class indexes by the name at that index; every class is present, 0 for one without examples.</summary>
    /// <param name="labels">The class names, by index.</param>
    /// <param name="classIndexes">One class index an example.</param>
    /// <returns>The count of each class name.</returns>
    public static IReadOnlyDictionary<string, long> Of(IReadOnlyList<string> labels, IEnumerable<long> classIndexes)
    {
        var counts = new long[labels.Count];
        foreach (long index in classIndexes)
        {
            counts[index]++;
        }

        var byName = new Dictionary<string, long>(labels.Count);
        for (int c = 0; c < labels.Count; c++)
        {
            byName[labels[c]] = counts[c];
        }

        return byName;
    }
}
