using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>Copies the values of a CPU, contiguous TorchSharp tensor into a managed array (an empty tensor gives an empty array).</summary>
internal static class TensorCopy
{
    public static T[] ToArray<T>(Tensor contiguousCpu)
        where T : unmanaged
        => contiguousCpu.numel() == 0 ? [] : contiguousCpu.data<T>().ToArray();
}
