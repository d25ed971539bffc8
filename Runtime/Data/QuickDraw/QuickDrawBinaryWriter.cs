using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// Writes drawings in Google's packed binary format (the layout <see cref="QuickDrawBinaryReader"/> reads), for
/// compact caches of simplified drawings and for test fixtures.
/// </summary>
public static class QuickDrawBinaryWriter
{
    /// <summary>Writes <paramref name="drawings"/> to <paramref name="stream"/> (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="drawings">Simplified drawings: integer coordinates 0..255, at most 65,535 strokes and points per stroke, a 2-character ASCII country code.</param>
    /// <exception cref="ArgumentException">A drawing cannot be represented in the format.</exception>
    public static void Write(Stream stream, IEnumerable<Drawing> drawings)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(drawings);
        byte[] header = new byte[17];
        foreach (Drawing d in drawings)
        {
            if (d.CountryCode.Length != 2 || d.CountryCode[0] > 127 || d.CountryCode[1] > 127)
            {
                throw new ArgumentException($"drawing {d.KeyId.ToString(CultureInfo.InvariantCulture)}: country code '{d.CountryCode}' is not 2 ASCII characters", nameof(drawings));
            }

            if (d.Strokes.Count > ushort.MaxValue)
            {
                throw new ArgumentException($"drawing {d.KeyId.ToString(CultureInfo.InvariantCulture)} has more than {ushort.MaxValue} strokes", nameof(drawings));
            }

            long seconds = d.Timestamp.ToUnixTimeSeconds();
            if (seconds is < 0 or > uint.MaxValue)
            {
                throw new ArgumentException($"drawing {d.KeyId.ToString(CultureInfo.InvariantCulture)}: timestamp {d.Timestamp.ToString("O", CultureInfo.InvariantCulture)} does not fit uint32 Unix seconds", nameof(drawings));
            }

            BinaryPrimitives.WriteUInt64LittleEndian(header, d.KeyId);
            header[8] = (byte)d.CountryCode[0];
            header[9] = (byte)d.CountryCode[1];
            header[10] = d.Recognized ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(11), (uint)seconds);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(15), (ushort)d.Strokes.Count);
            stream.Write(header);
            foreach (Stroke s in d.Strokes)
            {
                if (s.PointCount > ushort.MaxValue)
                {
                    throw new ArgumentException($"drawing {d.KeyId.ToString(CultureInfo.InvariantCulture)} has a stroke of more than {ushort.MaxValue} points", nameof(drawings));
                }

                byte[] buffer = new byte[2 + (2 * s.PointCount)];
                BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)s.PointCount);
                for (int i = 0; i < s.PointCount; i++)
                {
                    buffer[2 + i] = ToByte(s.X[i], d.KeyId);
                    buffer[2 + s.PointCount + i] = ToByte(s.Y[i], d.KeyId);
                }

                stream.Write(buffer);
            }
        }
    }

    private static byte ToByte(float v, ulong keyId)
    {
        if (v is < 0 or > 255 || v != MathF.Floor(v))
        {
            throw new ArgumentException($"drawing {keyId.ToString(CultureInfo.InvariantCulture)}: coordinate {v.ToString(CultureInfo.InvariantCulture)} is not an integer 0..255", nameof(v));
        }

        return (byte)v;
    }
}
