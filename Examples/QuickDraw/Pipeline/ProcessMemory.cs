using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace QuickDrawDsl.Examples.QuickDraw.Pipeline;

/// <summary>
/// Samples this process's anonymous resident memory (<c>RssAnon</c> on Linux: the heaps, not the memory-mapped cache,
/// whose pages the kernel can drop at will; the working set elsewhere) and its managed heap on a timer, keeping the peaks.
/// </summary>
internal sealed class ProcessMemory : IDisposable
{
    private readonly Timer timer;
    private readonly object gate = new();

    public ProcessMemory(TimeSpan every)
    {
        timer = new Timer(_ => Sample(), null, TimeSpan.Zero, every);
    }

    /// <summary>Whether <see cref="Resident"/> is RssAnon (Linux) rather than the working set.</summary>
    public static bool IsAnonymous => File.Exists("/proc/self/status");

    public long PeakResident { get; private set; }

    public long PeakHeap { get; private set; }

    /// <summary>RssAnon in bytes on Linux, the working set elsewhere.</summary>
    public static long Resident()
    {
        if (IsAnonymous)
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }

    /// <summary>The managed heap after the last collection, or the allocated bytes now when larger.</summary>
    public static long Heap() => Math.Max(GC.GetGCMemoryInfo().HeapSizeBytes, GC.GetTotalMemory(false));

    public void Sample()
    {
        long resident = Resident(), heap = Heap();
        lock (gate)
        {
            PeakResident = Math.Max(PeakResident, resident);
            PeakHeap = Math.Max(PeakHeap, heap);
        }
    }

    public void Dispose() => timer.Dispose();
}
