using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Layers;

/// <summary>A convolution's channels and window, with the padding of each spatial axis resolved to left and right.</summary>
internal sealed record ConvolutionSettings(
    Dim InChannels,
    Dim Filters,
    EquatableArray<long> Kernel,
    EquatableArray<long> Stride,
    EquatableArray<long> PadLeft,
    EquatableArray<long> PadRight,
    long Dilation,
    bool Bias) : LayerSettings
{
    /// <summary>Whether the padding is the same on both sides of every axis (so the module's own padding can do it).</summary>
    public bool SymmetricPadding
    {
        get
        {
            for (int i = 0; i < PadLeft.Count; i++)
            {
                if (PadLeft[i] != PadRight[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
