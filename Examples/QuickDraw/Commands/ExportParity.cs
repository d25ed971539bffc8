namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>How closely the exported model matches TorchSharp on the test split.</summary>
internal sealed record ExportParity(string Path, double MaxAbsDiff, long Drawings, long SameTop1);
