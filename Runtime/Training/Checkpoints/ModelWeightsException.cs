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
    /// <param name="fileIsUnusable">Whether the file itself cannot serve (see <see cref="FileIsUnusable"/>).</param>
    public ModelWeightsException(string filePath, string problem, Exception? inner = null, bool fileIsUnusable = false)
        : base($"{filePath} {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
        FileIsUnusable = fileIsUnusable;
    }

    /// <summary>The weights file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it (the message without the file name).</summary>
    public string Problem { get; }

    /// <summary>
    /// Whether the file itself cannot serve: truncated, unreadable, not a weights file, or another model's layout. The
    /// fix is then the caller's to name (restore the file, or save it again); otherwise the message names its own (another
    /// version of the spec, non-finite weights, a newer format) or the file is missing.
    /// </summary>
    public bool FileIsUnusable { get; }
}
