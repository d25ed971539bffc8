using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Export;

namespace QuickDrawDsl.Examples.QuickDraw.Experiment;

/// <summary>
/// SketchClassifier's model.onnx: the graph with a lengths input, the labels, and the preprocessing as metadata
/// (<c>qd.preprocessing</c>, read by <c>serve</c> and the browser page, which refuse a model whose preprocessing they do
/// not implement; <c>qd.input_normalization</c> in words).
/// </summary>
internal static class SketchExport
{
    public static void Write(SketchClassifier model, IReadOnlyList<string> labels, float offsetScale, string path)
    {
        OnnxGraphBuilder onnx = model.ToOnnx(withLengths: true);
        onnx.SetLabels(labels);
        onnx.SetMetadata(OnnxMetadataKeys.InputNormalization, string.Create(CultureInfo.InvariantCulture, $"strokes: raw drawings through {QuickDrawSimplification.Name}; RDP-simplified to <= {SketchFeatures.MaxPoints} points, centred, longer side scaled to [-1, 1]; features (dx / {offsetScale:R}, dy / {offsetScale:R}, pen_lift, x, y)"));
        onnx.SetMetadata(OnnxMetadataKeys.Preprocessing, JsonSerializer.Serialize(SketchPreprocessing.Current(offsetScale), QuickDrawJsonContext.Default.SketchPreprocessing));
        onnx.Save(path);
    }
}
