using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>A checkpoint file cannot be used: not a checkpoint, truncated, corrupt, another format version or another model.</summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Creates the exception; the message starts with the file path.</summary>
    /// <param name="filePath">The checkpoint file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">Underlying error, if any.</param>
    public CheckpointException(string filePath, string problem, Exception? inner = null)
        : base($"Checkpoint '{filePath}' {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it (the message without the file name).</summary>
    public string Problem { get; }
}
