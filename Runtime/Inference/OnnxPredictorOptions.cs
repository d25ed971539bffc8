using System.IO;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>How an <see cref="OnnxPredictor"/> runs its model.</summary>
public sealed record OnnxPredictorOptions
{
    /// <summary>
    /// Run on CUDA (appends ONNX Runtime's CUDA execution provider). Needs a build with
    /// <c>-p:QdOnnxRuntimeBackend=gpu</c> (compilation symbol <c>QD_ONNX_GPU</c>) and a machine with CUDA; where either is
    /// missing the predictor runs on the CPU and writes one line saying why to <see cref="Log"/>
    /// (<see cref="OnnxPredictor.ExecutionProvider"/> and <see cref="OnnxPredictor.GpuFallbackReason"/> say the same).
    /// </summary>
    public bool UseGpu { get; init; }

    /// <summary>Where the one-line CPU-fallback notice goes (null: standard error).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The CUDA device when <see cref="UseGpu"/> is set.</summary>
    public int GpuDeviceId { get; init; }

    /// <summary>Threads for one operator, or 0 for ONNX Runtime's default.</summary>
    public int IntraOpThreads { get; init; }
}
