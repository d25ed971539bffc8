using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>A weights file (TorchSharp's <c>module.save</c> format) cannot be loaded into a model: missing, truncated, not a weights file, or another model's.</summary>
public sealed class ModelWeightsException : IOException
{
    /// <summary>Creates the exception; the message starts with the file path.</summary>
    /// <param name="filePath">The weights file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">Underlying error, if any.</param>
    public ModelWeightsException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath} {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The weights file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it (the message without the file name).</summary>
    public string Problem { get; }
}
