namespace QuickDrawDsl.Examples.Video.Commands;

/// <summary>How closely the exported ONNX model matches TorchSharp on the held-out test clips.</summary>
internal sealed record ExportParity(string Path, double MaxAbsDiff, long Clips, long SameTop1);
