using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>
/// Reads <c>{"drawing": [[[x...], [y...], [t...]], ...]}</c> with a forward-only JSON reader, checking the limits as it
/// goes (it stops at the first stroke or point past a limit), and says in one line what is wrong with a bad body,
/// naming the element by its JSON path (<c>drawing[2][1][7]</c>). Times are optional per stroke; given, they mark the
/// drawing as raw.
/// </summary>
internal static class DrawingParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    public static DrawingParse Parse(ReadOnlySpan<byte> body, ServeOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return DrawingParse.Fail("the body is empty; send {\"drawing\": [[[x...], [y...]], ...]}");
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            reader.Read();

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return DrawingParse.Fail($"the body is a JSON {Describe(reader.TokenType)}; send an object {{\"drawing\": [[[x...], [y...]], ...]}}");
            }

            List<Stroke>? strokes = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                bool isDrawing = reader.ValueTextEquals("drawing"u8);
                Next(ref reader);
                if (!isDrawing)
                {
                    reader.Skip();
                    continue;
                }

                string? error = ReadDrawing(ref reader, limits, out strokes);
                if (error is not null)
                {
                    return DrawingParse.Fail(error);
                }
            }

            if (reader.Read())
            {
                return DrawingParse.Fail("the body has more after its JSON object; send one object");
            }

            if (strokes is null)
            {
                return DrawingParse.Fail("the body has no 'drawing' field; send {\"drawing\": [[[x...], [y...]], ...]}");
            }

            return strokes.Count == 0
                ? DrawingParse.Fail("'drawing' is empty; it needs at least one stroke with at least one point")
                : DrawingParse.Ok(strokes);
        }
        catch (JsonException ex)
        {
            return DrawingParse.Fail($"the body is not valid JSON: {ex.Message}");
        }
    }

    private static string? ReadDrawing(ref Utf8JsonReader reader, ServeOptions limits, out List<Stroke> strokes)
    {
        strokes = [];
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"'drawing' is a JSON {Describe(reader.TokenType)}; it must be an array of strokes [[x...], [y...]] or [[x...], [y...], [t...]]";
        }

        int points = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            int index = strokes.Count;
            if (index >= limits.MaxStrokes)
            {
                return $"'drawing' has more than {limits.MaxStrokes} strokes, the limit";
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return $"drawing[{index}] is a JSON {Describe(reader.TokenType)}; a stroke is an array [[x...], [y...]] or [[x...], [y...], [t...]]";
            }

            var axes = new List<List<double>>(3);
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (axes.Count == 3)
                {
                    return $"drawing[{index}] has more than 3 arrays; a stroke is [[x...], [y...]] or [[x...], [y...], [t...]]";
                }

                string? error = ReadNumbers(ref reader, $"drawing[{index}][{axes.Count}]", axes.Count == 2, limits, ref points, out List<double> values);
                if (error is not null)
                {
                    return error;
                }

                axes.Add(values);
            }

            string? strokeError = CheckStroke(index, axes);
            if (strokeError is not null)
            {
                return strokeError;
            }

            strokes.Add(ToStroke(axes));
        }

        return null;
    }

    private static string? ReadNumbers(ref Utf8JsonReader reader, string path, bool times, ServeOptions limits, ref int points, out List<double> values)
    {
        values = [];
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"{path} is a JSON {Describe(reader.TokenType)}; it must be an array of numbers";
        }

        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            string at = $"{path}[{values.Count}]";
            if (reader.TokenType != JsonTokenType.Number)
            {
                return $"{at} is a JSON {Describe(reader.TokenType)}, not a number";
            }

            if (!reader.TryGetDouble(out double v) || !double.IsFinite(v))
            {
                return $"{at} = {Text(ref reader)} is not a finite number";
            }

            if (times ? v is < 0 or > int.MaxValue : Math.Abs(v) > limits.MaxCoordinate)
            {
                return times
                    ? $"{at} = {Text(ref reader)} is not a time: times are milliseconds from 0 to {int.MaxValue}"
                    : $"{at} = {Text(ref reader)} is out of range: coordinates lie within ±{limits.MaxCoordinate.ToString(CultureInfo.InvariantCulture)}";
            }

            // x counts the points; y and t must match it.
            if (path.EndsWith("[0]", StringComparison.Ordinal) && ++points > limits.MaxPoints)
            {
                return $"'drawing' has more than {limits.MaxPoints} points, the limit";
            }

            values.Add(v);
        }

        return null;
    }

    private static string? CheckStroke(int index, List<List<double>> axes)
    {
        if (axes.Count < 2)
        {
            return $"drawing[{index}] has {axes.Count} array{(axes.Count == 1 ? string.Empty : "s")}; a stroke is [[x...], [y...]] or [[x...], [y...], [t...]]";
        }

        if (axes[0].Count == 0)
        {
            return $"drawing[{index}] has no points";
        }

        if (axes[1].Count != axes[0].Count)
        {
            return $"drawing[{index}] has {axes[0].Count} x values but {axes[1].Count} y values";
        }

        if (axes.Count == 3 && axes[2].Count != axes[0].Count)
        {
            return $"drawing[{index}] has {axes[0].Count} points but {axes[2].Count} times";
        }

        return null;
    }

    private static Stroke ToStroke(List<List<double>> axes)
    {
        int n = axes[0].Count;
        float[] x = new float[n];
        float[] y = new float[n];
        int[]? t = axes.Count == 3 ? new int[n] : null;
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)axes[0][i];
            y[i] = (float)axes[1][i];
            if (t is not null)
            {
                t[i] = (int)Math.Round(axes[2][i], MidpointRounding.AwayFromZero);
            }
        }

        return new Stroke(x, y, t);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the body ends before the JSON is complete");

    private static string Text(ref Utf8JsonReader reader)
    {
        string text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        return text.Length > 32 ? text[..32] + "..." : text;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };
}
