using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// QuickDraw simplified ndjson records of three shapes a small model separates in a few epochs: one stroke around a
/// circle, along a nearly straight line, or in a zigzag, at a random place and size with a little jitter (0–255 canvas,
/// as Google's simplified files).
/// </summary>
internal static class SyntheticDrawings
{
    /// <summary>The classes, sorted.</summary>
    public static readonly string[] Labels = ["circle", "line", "zigzag"];

    /// <summary>
    /// <paramref name="count"/> records of <paramref name="label"/>, one JSON object a line; every record has its own
    /// <c>key_id</c> (from <paramref name="firstKey"/> on), since the readers skip a key they have seen.
    /// </summary>
    public static IEnumerable<string> Records(string label, int count, int seed, long firstKey)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            (int[] xs, int[] ys) = Stroke(label, random);
            var record = new Dictionary<string, object>
            {
                ["word"] = label,
                ["countrycode"] = "US",
                ["timestamp"] = "2017-03-10 22:17:57.57466 UTC",
                ["recognized"] = true,
                ["key_id"] = (firstKey + i).ToString(CultureInfo.InvariantCulture),
                ["drawing"] = new[] { new[] { xs, ys } },
            };
            yield return JsonSerializer.Serialize(record);
        }
    }

    private static (int[] Xs, int[] Ys) Stroke(string label, Random random)
    {
        const int Points = 24;
        double cx = Uniform(random, 90, 160), cy = Uniform(random, 90, 160), radius = Uniform(random, 40, 90);
        var xs = new int[Points];
        var ys = new int[Points];
        for (int i = 0; i < Points; i++)
        {
            double t = i / (double)(Points - 1);
            (double x, double y) = label switch
            {
                "circle" => (cx + (radius * Math.Cos(2 * Math.PI * t)), cy + (radius * Math.Sin(2 * Math.PI * t))),
                "line" => (cx - radius + (2 * radius * t), cy + Uniform(random, -3, 3)),
                "zigzag" => (cx - radius + (2 * radius * t), cy + (i % 4 < 2 ? radius / 2 : -radius / 2)),
                _ => throw new ArgumentOutOfRangeException(nameof(label), label, "not one of " + string.Join(", ", Labels)),
            };
            xs[i] = Canvas(x + Uniform(random, -2, 2));
            ys[i] = Canvas(y + Uniform(random, -2, 2));
        }

        return (xs, ys);
    }

    private static double Uniform(Random random, double from, double to) => from + ((to - from) * random.NextDouble());

    private static int Canvas(double value) => (int)Math.Clamp(Math.Round(value), 0, 255);
}
