using System;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// How a drawing becomes the model's input: scaled into the unit box, converted to stroke-3 and truncated, then
/// five features per point — absolute (x, y) in [0, 1], the offsets (dx, dy) and the pen lift.
/// </summary>
internal static class SketchFeatures
{
    public const int FeatureCount = 5;

    public const int MaxPoints = 128;

    public static Stroke3Sequence Prepare(Drawing drawing) =>
        StrokeResampling.Truncate(StrokeConversions.ToStroke3(StrokeNormalization.ToUnitBox(drawing)), MaxPoints);

    public static float[] Encode(Stroke3Sequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var features = new float[sequence.Length * FeatureCount];
        float x = 0, y = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            x += sequence.Dx(i);
            y += sequence.Dy(i);
            int o = i * FeatureCount;
            features[o] = x;
            features[o + 1] = y;
            features[o + 2] = sequence.Dx(i);
            features[o + 3] = sequence.Dy(i);
            features[o + 4] = sequence.PenLift(i);
        }

        return features;
    }
}
