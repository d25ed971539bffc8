namespace QuickDrawDsl.Runtime.Inference;

/// <summary>How an <see cref="OnnxPredictor"/> runs its model.</summary>
public sealed record OnnxPredictorOptions
{
    /// <summary>
    /// Run on CUDA (appends ONNX Runtime's CUDA execution provider, CPU as fallback). Needs a build with
    /// <c>-p:QdOnnxRuntimeBackend=gpu</c> (compilation symbol <c>QD_ONNX_GPU</c>); otherwise loading fails with the fix.
    /// </summary>
    public bool UseGpu { get; init; }

    /// <summary>The CUDA device when <see cref="UseGpu"/> is set.</summary>
    public int GpuDeviceId { get; init; }

    /// <summary>Threads for one operator, or 0 for ONNX Runtime's default.</summary>
    public int IntraOpThreads { get; init; }
}
