namespace QuickDrawDsl.Runtime.Training;

/// <summary>Where a <see cref="Trainer"/> runs the model.</summary>
public enum DeviceChoice
{
    /// <summary>CPU (default).</summary>
    Cpu,

    /// <summary>CUDA; fails with a clear message when no CUDA device is available.</summary>
    Cuda,

    /// <summary>CUDA when <c>torch.cuda.is_available()</c>, CPU otherwise.</summary>
    Auto,
}
