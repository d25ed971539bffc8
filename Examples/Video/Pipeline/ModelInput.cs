using System.Globalization;
using System.Linq;

namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>The clip shape the YAML model declares (<c>input.shape</c>), read from the generated <see cref="MotionClassifier.Info"/>: change the spec and everything follows.</summary>
internal static class ModelInput
{
    public static int Channels => Dim(0);

    public static int Frames => Dim(1);

    public static int Height => Dim(2);

    public static int Width => Dim(3);

    public static long[] Shape => [Channels, Frames, Height, Width];

    public static string Text => ShapeText(Shape);

    public static string ShapeText(long[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static int Dim(int axis) => int.Parse(MotionClassifier.Info.InputShape[axis], NumberStyles.None, CultureInfo.InvariantCulture);
}
