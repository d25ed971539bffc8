using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using QuickDrawDsl.Benchmarks.Data;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Benchmarks.StandIn;

/// <summary>
/// Writes a stand-in for the full QuickDraw dataset at any size: one simplified <c>&lt;class&gt;.ndjson</c> per name in
/// the shared <c>categories.txt</c> (345), made from the 1,600 shared real drawings (7 classes). Class <c>i</c> reuses
/// source class <c>i mod 7</c> under a fixed class transform (a rotation and, for odd variants, a mirror), and every
/// drawing is a fresh random distortion of a source drawing (scale, rotation, 1 px jitter) with a new unique key_id,
/// then normalised as Google's simplified files are (top-left aligned, longer side 0–255, whole numbers). Its purpose
/// is size: prepare time, cache size, memory and throughput at 1 M and 5 M drawings. Accuracy on it means little (the
/// 49 names that share a source differ only by their class transform).
/// </summary>
public static class StandInDataset
{
    /// <summary>Writes the files; prints one line per 50 classes and a summary.</summary>
    /// <param name="output">Where progress goes.</param>
    /// <param name="folder">The folder to write into (created; existing files of the same names are replaced).</param>
    /// <param name="drawings">Drawings in all, spread evenly over the classes.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(TextWriter output, string folder, long drawings, int seed)
    {
        string shared = Path.Combine(SharedDataFolder.Shared(), "quickdraw");
        string[] names = File.ReadAllLines(Path.Combine(shared, "categories.txt")).Where(l => l.Length > 0).ToArray();
        List<Drawing[]> sources = Directory.GetFiles(Path.Combine(shared, "simplified_100"), "*.ndjson").Order(StringComparer.Ordinal)
            .Append(Path.Combine(shared, "simplified_1000", "monkey.ndjson"))
            .Select(f => new QuickDrawNdjsonReader().ReadFile(f).ToArray())
            .ToList();
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        long written = 0, bytes = 0;
        int done = 0;
        var gate = new object();
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            long count = (drawings / names.Length) + (c < drawings % names.Length ? 1 : 0);
            string path = Path.Combine(folder, names[c] + ".ndjson");
            long size = Write(path, names[c], c, sources[c % sources.Count], c / sources.Count, count, seed);
            lock (gate)
            {
                written += count;
                bytes += size;
                if (++done % 50 == 0 || done == names.Length)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done}/{names.Length} classes, {written:N0} drawings, {bytes / 1048576.0:N0} MiB [{clock.Elapsed.TotalSeconds:0.0} s]"));
                }
            }
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stand-in in {folder}: {names.Length} classes, {written:N0} drawings, {bytes / 1048576.0:N0} MiB of simplified ndjson in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    /// <summary>A key_id unique to (class, index): SplitMix64 is a bijection, so distinct inputs never collide.</summary>
    /// <param name="classIndex">The class.</param>
    /// <param name="index">The drawing within the class.</param>
    /// <returns>The key_id.</returns>
    public static ulong KeyId(int classIndex, long index)
    {
        ulong z = unchecked(((ulong)classIndex << 40) | (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static long Write(string path, string word, int classIndex, Drawing[] source, int variant, long count, int seed)
    {
        var random = new Random(HashCode.Combine(seed, classIndex));
        double classAngle = variant * 2 * Math.PI / 50;
        bool mirror = variant % 2 == 1;
        var line = new StringBuilder(4096);
        string escaped = System.Text.Json.JsonEncodedText.Encode(word).ToString();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        for (long i = 0; i < count; i++)
        {
            Drawing d = source[random.Next(source.Length)];
            double scaleX = 0.9 + (0.2 * random.NextDouble()), scaleY = 0.9 + (0.2 * random.NextDouble());
            double angle = classAngle + ((random.NextDouble() - 0.5) * 0.28);
            double cos = Math.Cos(angle), sin = Math.Sin(angle);
            var strokes = new List<(double[] X, double[] Y)>(d.Strokes.Count);
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            foreach (Stroke s in d.Strokes)
            {
                var xs = new double[s.PointCount];
                var ys = new double[s.PointCount];
                for (int p = 0; p < s.PointCount; p++)
                {
                    double x = (mirror ? 255 - s.X[p] : s.X[p]) * scaleX, y = s.Y[p] * scaleY;
                    xs[p] = (cos * x) - (sin * y) + (random.NextDouble() - 0.5);
                    ys[p] = (sin * x) + (cos * y) + (random.NextDouble() - 0.5);
                    minX = Math.Min(minX, xs[p]);
                    maxX = Math.Max(maxX, xs[p]);
                    minY = Math.Min(minY, ys[p]);
                    maxY = Math.Max(maxY, ys[p]);
                }

                strokes.Add((xs, ys));
            }

            double extent = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-9);
            line.Clear();
            line.Append("{\"word\":\"").Append(escaped).Append("\",\"countrycode\":\"US\",\"timestamp\":\"2017-03-01 00:00:00.00000 UTC\",\"recognized\":true,\"key_id\":\"")
                .Append(KeyId(classIndex, i).ToString(CultureInfo.InvariantCulture)).Append("\",\"drawing\":[");
            for (int s = 0; s < strokes.Count; s++)
            {
                line.Append(s == 0 ? "[" : ",[");
                AppendAxis(line, strokes[s].X, minX, extent);
                line.Append(',');
                AppendAxis(line, strokes[s].Y, minY, extent);
                line.Append(']');
            }

            line.Append("]}");
            writer.WriteLine(line);
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }

    private static void AppendAxis(StringBuilder line, double[] values, double min, double extent)
    {
        line.Append('[');
        for (int p = 0; p < values.Length; p++)
        {
            if (p > 0)
            {
                line.Append(',');
            }

            line.Append((int)Math.Round((values[p] - min) * 255 / extent));
        }

        line.Append(']');
    }
}
