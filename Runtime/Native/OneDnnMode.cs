namespace QuickDrawDsl.Runtime.Native;

/// <summary>Whether libtorch may use its oneDNN CPU kernels; read from <see cref="CpuKernels.ModeVariable"/>.</summary>
public enum OneDnnMode
{
    /// <summary>Check oneDNN's convolutions against an exact result once at load and use them only when they match (the default).</summary>
    Auto,

    /// <summary>Use oneDNN without checking it (libtorch's own default).</summary>
    On,

    /// <summary>Never use oneDNN: every CPU convolution runs through libtorch's im2col + GEMM kernels.</summary>
    Off,
}
