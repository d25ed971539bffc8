using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>A labelled data set cut into train, validation and test, with the class names and the read report.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class SplitDataset<T>
{
    /// <summary>Creates the data set.</summary>
    /// <param name="classNames">Label i is <c>classNames[i]</c>.</param>
    /// <param name="train">The training items.</param>
    /// <param name="validation">The validation items.</param>
    /// <param name="test">The test items.</param>
    /// <param name="report">What the reader accepted and rejected.</param>
    public SplitDataset(IReadOnlyList<string> classNames, LabeledItems<T> train, LabeledItems<T> validation, LabeledItems<T> test, DataReadReport report)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(report);
        ClassNames = classNames;
        Train = train;
        Validation = validation;
        Test = test;
        Report = report;
    }

    /// <summary>The class names; a label is an index into this list.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The training items.</summary>
    public LabeledItems<T> Train { get; }

    /// <summary>The validation items.</summary>
    public LabeledItems<T> Validation { get; }

    /// <summary>The test items.</summary>
    public LabeledItems<T> Test { get; }

    /// <summary>What the reader accepted and rejected.</summary>
    public DataReadReport Report { get; }
}
