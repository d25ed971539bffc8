using System.Collections.Generic;
using QuickDrawDsl.Runtime.Inference;

namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>Class probabilities of one clip from ONNX Runtime, most likely first.</summary>
internal sealed record ClipPrediction(string Source, IReadOnlyList<OnnxPrediction> Ranked);
