using System;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>
/// Random geometric augmentation of stroke-3 sequences: independent x and y scales in
/// <c>[1 - maxScaleChange, 1 + maxScaleChange]</c> and a rotation in <c>[-maxRotationDegrees, maxRotationDegrees]</c>,
/// applied to the offsets (the pen column is kept). Deterministic for a seeded <see cref="Random"/>.
/// </summary>
public static class StrokeAugmentation
{
    /// <summary>Applies a random scale and rotation.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="random">The source of randomness (seed it for reproducible runs).</param>
    /// <param name="maxScaleChange">The largest relative scale change per axis, 0..1 (default 0.15, as Sketch-RNN's random_scale_factor).</param>
    /// <param name="maxRotationDegrees">The largest rotation in degrees (default 10).</param>
    /// <returns>A new sequence.</returns>
    public static Stroke3Sequence Augment(Stroke3Sequence sequence, Random random, double maxScaleChange = 0.15, double maxRotationDegrees = 10)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(random);
        if (maxScaleChange is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxScaleChange), "must be in [0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxRotationDegrees);
        double sx = 1 + (((random.NextDouble() * 2) - 1) * maxScaleChange);
        double sy = 1 + (((random.NextDouble() * 2) - 1) * maxScaleChange);
        double angle = ((random.NextDouble() * 2) - 1) * maxRotationDegrees * Math.PI / 180;
        return Transform(sequence, sx, sy, angle);
    }

    /// <summary>Applies a fixed transform: scale x by <paramref name="scaleX"/>, y by <paramref name="scaleY"/>, then rotate by <paramref name="radians"/>.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="scaleX">The x scale.</param>
    /// <param name="scaleY">The y scale.</param>
    /// <param name="radians">The rotation, counter-clockwise in a y-up frame.</param>
    /// <returns>A new sequence.</returns>
    public static Stroke3Sequence Transform(Stroke3Sequence sequence, double scaleX, double scaleY, double radians)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        double cos = Math.Cos(radians);
        double sin = Math.Sin(radians);
        float[] data = (float[])sequence.Data.Clone();
        for (int i = 0; i < sequence.Length; i++)
        {
            double x = data[3 * i] * scaleX;
            double y = data[(3 * i) + 1] * scaleY;
            data[3 * i] = (float)((cos * x) - (sin * y));
            data[(3 * i) + 1] = (float)((sin * x) + (cos * y));
        }

        return new Stroke3Sequence(data);
    }
}
