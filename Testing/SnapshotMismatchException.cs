using System;

namespace QuickDrawDsl.Testing;

/// <summary>
/// Thrown when received text differs from its <c>.verified.</c> file (or none exists yet). A plain exception, so every
/// test framework (xunit, NUnit, MSTest) reports the test as failed with the message.
/// </summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception with the message a test runner shows.</summary>
    /// <param name="message">Which files differ, the first difference and a line diff of each.</param>
    public SnapshotMismatchException(string message)
        : base(message)
    {
    }
}
