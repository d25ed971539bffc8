using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>What a generated model's spec declared, computed by the generator at compile time.</summary>
/// <param name="Name">Model (class) name.</param>
/// <param name="Kind">seq2vec, seq2seq, vec2seq or sequential.</param>
/// <param name="SourceFile">The spec file (or the attributed class) it came from.</param>
/// <param name="InputName">The forward argument's name.</param>
/// <param name="InputShape">Input shape without the batch axis; a dynamic axis is its name (e.g. "time").</param>
/// <param name="InputDType">float32, or int64 for token ids.</param>
/// <param name="OutputName">The output's name.</param>
/// <param name="OutputShape">Output shape without the batch axis.</param>
/// <param name="ParameterCount">Trainable parameters with the default options.</param>
/// <param name="Labels">Class labels, when the spec names them.</param>
/// <param name="Layers">One row per layer, as in <c>Summary()</c>.</param>
public sealed record ModelInfo(
    string Name,
    string Kind,
    string SourceFile,
    string InputName,
    IReadOnlyList<string> InputShape,
    string InputDType,
    string OutputName,
    IReadOnlyList<string> OutputShape,
    long ParameterCount,
    IReadOnlyList<string> Labels,
    IReadOnlyList<LayerInfo> Layers);
