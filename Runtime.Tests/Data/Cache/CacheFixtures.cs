using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Data.QuickDraw;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Infrastructure;

namespace QuickDrawDsl.Runtime.Tests.Data.Cache;

/// <summary>Source folders for cache tests, made from the shared simplified drawings (copied, or turned into raw drawings).</summary>
internal static class CacheFixtures
{
    public static void CopySimplified(string folder, string word)
    {
        Directory.CreateDirectory(folder);
        File.Copy(SharedData.PathOf("quickdraw", "simplified_100", word + ".ndjson"), Path.Combine(folder, word + ".ndjson"));
    }

    public static List<Drawing> Read(string path) => new QuickDrawNdjsonReader().ReadFile(path).ToList();

    /// <summary>Writes <paramref name="word"/>'s drawings as raw ones (canvas coordinates, times), keeping their key_ids.</summary>
    public static List<Drawing> WriteRaw(string folder, string word, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        List<Drawing> raw = Read(SharedData.PathOf("quickdraw", "simplified_100", word + ".ndjson"))
            .Select(d => RawDrawingMaker.FromSimplified(d, random)).ToList();
        var text = new StringBuilder();
        foreach (Drawing d in raw)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"word\":\"{word}\",\"countrycode\":\"US\",\"timestamp\":\"2017-03-02 23:25:10.07453 UTC\",\"recognized\":true,\"key_id\":\"{d.KeyId}\",\"drawing\":[");
            text.AppendJoin(',', d.Strokes.Select(s =>
                $"[[{string.Join(',', s.X.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}],[{string.Join(',', s.Y.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}],[{string.Join(',', s.T!)}]]"));
            text.Append("]}\n");
        }

        File.WriteAllText(Path.Combine(folder, word + ".ndjson"), text.ToString());
        return raw;
    }
}
