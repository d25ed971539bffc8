namespace QuickDrawDsl.Examples.Video.Pipeline;

/// <summary>How closely the exported ONNX model matches TorchSharp on the test clips.</summary>
internal sealed record ExportParity(string Path, double MaxAbsDiff, long Clips, long SameTop1);
