using System;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>A problem the user can fix (missing data, a bad option); the program prints the message and exits with 2.</summary>
internal sealed class UserError(string message) : Exception(message);
