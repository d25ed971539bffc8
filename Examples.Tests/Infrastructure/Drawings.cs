using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace QuickDrawDsl.Examples.Tests.Infrastructure;

/// <summary>Small, valid QuickDraw simplified ndjson made up for the tests (no real data needed): each class draws its own shape.</summary>
public static class Drawings
{
    /// <summary>One ndjson line: a drawing of <paramref name="word"/> (a circle, a line or a zig-zag by class) with a unique key.</summary>
    public static string Line(string word, int index, Random random)
    {
        int shape = Math.Abs(word.GetHashCode(StringComparison.Ordinal)) % 3;
        var xs = new List<int>();
        var ys = new List<int>();
        int points = 8 + random.Next(8);
        for (int i = 0; i < points; i++)
        {
            double t = (double)i / (points - 1);
            (double x, double y) = shape switch
            {
                0 => (0.5 + (0.4 * Math.Cos(2 * Math.PI * t)), 0.5 + (0.4 * Math.Sin(2 * Math.PI * t))),
                1 => (t, t),
                _ => (t, i % 2 == 0 ? 0.2 : 0.8),
            };
            xs.Add(Math.Clamp((int)((x * 200) + random.Next(-10, 10) + 20), 0, 255));
            ys.Add(Math.Clamp((int)((y * 200) + random.Next(-10, 10) + 20), 0, 255));
        }

        string key = (1_000_000 + (Math.Abs(word.GetHashCode(StringComparison.Ordinal)) % 1000 * 10_000) + index).ToString(CultureInfo.InvariantCulture);
        return $"{{\"word\":\"{word}\",\"countrycode\":\"US\",\"timestamp\":\"2017-03-10 22:17:57.57466 UTC\",\"recognized\":true,\"key_id\":\"{key}\",\"drawing\":[[[{string.Join(',', xs)}],[{string.Join(',', ys)}]]]}}";
    }

    /// <summary>Writes <c>&lt;folder&gt;/&lt;word&gt;.ndjson</c> with <paramref name="count"/> drawings per word.</summary>
    public static string WriteFolder(string folder, int count, params string[] words)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(7);
        foreach (string word in words)
        {
            File.WriteAllLines(Path.Combine(folder, word + ".ndjson"), Enumerable.Range(0, count).Select(i => Line(word, i, random)));
        }

        return folder;
    }

    /// <summary>The bytes of a line whose countrycode holds invalid UTF-8.</summary>
    public static byte[] InvalidUtf8Line(string word, int index)
    {
        string line = Line(word, index, new Random(index)).Replace("\"US\"", "\"U#\"", StringComparison.Ordinal);
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        return bytes;
    }
}
