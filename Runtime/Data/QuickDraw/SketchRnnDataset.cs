using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>The three splits of a Sketch-RNN <c>.npz</c> file, as stroke-3 sequences.</summary>
public sealed class SketchRnnDataset
{
    /// <summary>Creates the data set.</summary>
    /// <param name="train">The <c>train</c> member.</param>
    /// <param name="validation">The <c>valid</c> member.</param>
    /// <param name="test">The <c>test</c> member.</param>
    public SketchRnnDataset(IReadOnlyList<Stroke3Sequence> train, IReadOnlyList<Stroke3Sequence> validation, IReadOnlyList<Stroke3Sequence> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The training sequences.</summary>
    public IReadOnlyList<Stroke3Sequence> Train { get; }

    /// <summary>The validation sequences.</summary>
    public IReadOnlyList<Stroke3Sequence> Validation { get; }

    /// <summary>The test sequences.</summary>
    public IReadOnlyList<Stroke3Sequence> Test { get; }
}
