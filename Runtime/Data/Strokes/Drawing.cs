using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Runtime.Data.Strokes;

/// <summary>One Quick, Draw! drawing with its metadata.</summary>
public sealed class Drawing
{
    /// <summary>Creates a drawing.</summary>
    /// <param name="word">The class label.</param>
    /// <param name="countryCode">The two-letter country code.</param>
    /// <param name="timestamp">When the drawing was made (UTC).</param>
    /// <param name="recognized">Whether the game recognized the drawing.</param>
    /// <param name="keyId">The drawing's unique 64-bit id.</param>
    /// <param name="strokes">The strokes, in drawing order (not copied).</param>
    public Drawing(string word, string countryCode, DateTimeOffset timestamp, bool recognized, ulong keyId, IReadOnlyList<Stroke> strokes)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(countryCode);
        ArgumentNullException.ThrowIfNull(strokes);
        Word = word;
        CountryCode = countryCode;
        Timestamp = timestamp;
        Recognized = recognized;
        KeyId = keyId;
        Strokes = strokes;
    }

    /// <summary>The class label (<c>word</c>).</summary>
    public string Word { get; }

    /// <summary>The ISO 3166-1 alpha-2 country code (<c>countrycode</c>).</summary>
    public string CountryCode { get; }

    /// <summary>When the drawing was made (<c>timestamp</c>), UTC.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Whether the game recognized the drawing (<c>recognized</c>).</summary>
    public bool Recognized { get; }

    /// <summary>The unique id (<c>key_id</c>).</summary>
    public ulong KeyId { get; }

    /// <summary>The strokes, in drawing order.</summary>
    public IReadOnlyList<Stroke> Strokes { get; }

    /// <summary>The number of points over all strokes.</summary>
    public int PointCount
    {
        get
        {
            int n = 0;
            foreach (Stroke s in Strokes)
            {
                n += s.PointCount;
            }

            return n;
        }
    }
}
