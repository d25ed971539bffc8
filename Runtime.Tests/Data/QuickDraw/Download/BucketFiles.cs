using System.Text;

namespace QuickDrawDsl.Runtime.Tests.Data.QuickDraw.Download;

/// <summary>Files as Google's bucket serves them, for the loopback server.</summary>
internal static class BucketFiles
{
    /// <summary><paramref name="count"/> simplified ndjson records of <paramref name="word"/>, each with its own key_id.</summary>
    public static byte[] Ndjson(string word, int count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int x = (i * 37) % 200;
            sb.Append("{\"word\":\"").Append(word).Append("\",\"countrycode\":\"US\",\"timestamp\":\"2017-03-02 23:25:10.07453 UTC\",\"recognized\":true,\"key_id\":\"")
              .Append(5000000000000000L + i).Append("\",\"drawing\":[[[").Append(x).Append(',').Append(x + 30).Append(',').Append(x + 55)
              .Append("],[10,").Append(40 + (i % 50)).Append(",90]],[[5,20],[200,210]]]}\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
