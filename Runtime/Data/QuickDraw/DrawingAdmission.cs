using System.Collections.Generic;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.Strokes;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>The filter behind every drawing reader: recognized-only, per-class cap, key deduplication, counted in the report.</summary>
internal sealed class DrawingAdmission
{
    private readonly QuickDrawReadOptions options;
    private readonly DataReadReport report;
    private readonly HashSet<ulong> seenKeys = [];
    private readonly Dictionary<string, int> perClass = [];

    public DrawingAdmission(QuickDrawReadOptions options, DataReadReport report)
    {
        this.options = options;
        this.report = report;
    }

    /// <summary>Whether <paramref name="word"/> has reached the cap.</summary>
    public bool IsCapped(string word) =>
        options.MaxPerClass is int cap && perClass.GetValueOrDefault(word) >= cap;

    /// <summary>Decides about one well-formed drawing; true to return it.</summary>
    /// <param name="drawing">The drawing.</param>
    /// <param name="stopFile">Set when the rest of the current file can be skipped (one class per file and its cap reached).</param>
    public bool Admit(Drawing drawing, out bool stopFile)
    {
        stopFile = false;
        if (IsCapped(drawing.Word))
        {
            report.CountOverCap();
            stopFile = options.OneClassPerFile;
            return false;
        }

        if (options.RecognizedOnly && !drawing.Recognized)
        {
            report.CountUnrecognized();
            return false;
        }

        if (options.DeduplicateKeyIds && !seenKeys.Add(drawing.KeyId))
        {
            report.CountDuplicate();
            return false;
        }

        int count = perClass.GetValueOrDefault(drawing.Word) + 1;
        perClass[drawing.Word] = count;
        report.CountAccepted();
        stopFile = options.OneClassPerFile && options.MaxPerClass is int cap && count >= cap;
        return true;
    }
}
