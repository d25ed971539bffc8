using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Diagnostics;

/// <summary>The data read is not fit to train on under a <see cref="DataQualityPolicy"/>; the message is one line.</summary>
public sealed class DataQualityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="report">The read it was found in.</param>
    /// <param name="emptyClasses">The classes left without a usable record (empty unless <paramref name="problem"/> is <see cref="DataQualityProblem.EmptyClass"/>).</param>
    /// <param name="maxBadFraction">The policy's limit.</param>
    /// <param name="message">One line naming the problem.</param>
    public DataQualityException(DataQualityProblem problem, DataReadReport report, IReadOnlyList<string> emptyClasses, double maxBadFraction, string message)
        : base(message)
    {
        Problem = problem;
        Report = report ?? throw new ArgumentNullException(nameof(report));
        EmptyClasses = emptyClasses ?? throw new ArgumentNullException(nameof(emptyClasses));
        MaxBadFraction = maxBadFraction;
    }

    /// <summary>What is wrong.</summary>
    public DataQualityProblem Problem { get; }

    /// <summary>The read the problem was found in.</summary>
    public DataReadReport Report { get; }

    /// <summary>The classes without a usable record.</summary>
    public IReadOnlyList<string> EmptyClasses { get; }

    /// <summary>The policy's limit on the share of bad records.</summary>
    public double MaxBadFraction { get; }
}
