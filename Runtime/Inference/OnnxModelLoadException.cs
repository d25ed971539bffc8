using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>An ONNX model file cannot be loaded: missing, unreadable, not an ONNX model (text, a checkpoint), truncated, or inconsistent.</summary>
public sealed class OnnxModelLoadException : IOException
{
    /// <summary>Creates the exception; the message starts with the file path.</summary>
    /// <param name="filePath">The model file (or <c>(bytes)</c> for a model loaded from memory).</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">Underlying error, if any.</param>
    public OnnxModelLoadException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath} {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The model file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it (the message without the file name).</summary>
    public string Problem { get; }
}
