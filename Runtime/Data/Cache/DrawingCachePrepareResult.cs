using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>What <see cref="DrawingCachePreparer.Prepare"/> did.</summary>
/// <param name="Manifest">The manifest written.</param>
/// <param name="Report">Accepted, skipped and bad records of every source file: those read in this run, and those of reused sources as their records and logs hold them (they are not re-read).</param>
/// <param name="Prepared">Source files read in this run.</param>
/// <param name="Reused">Source files already prepared by an earlier run and unchanged since.</param>
public sealed record DrawingCachePrepareResult(DrawingCacheManifest Manifest, DataReadReport Report, int Prepared, int Reused);
