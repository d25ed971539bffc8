using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The resolved hyperparameters of a layer (only those its type uses are meaningful).</summary>
internal sealed record LayerSettings(
    Dim InFeatures,
    Dim OutFeatures,
    EquatableArray<long> Kernel,
    EquatableArray<long> Stride,
    EquatableArray<long> PadLeft,
    EquatableArray<long> PadRight,
    long Dilation,
    bool Bias,
    bool CeilMode,
    string? Activation,
    string? RateOption,
    double Eps,
    double Momentum,
    bool ReturnSequences,
    bool Bidirectional,
    long NumLayers,
    string? Nonlinearity,
    long Repeat,
    long? PaddingIdx,
    bool FeedsRecurrent)
{
    public static LayerSettings Empty { get; } = new(
        Dim.Fixed(0), Dim.Fixed(0), EquatableArray<long>.Empty, EquatableArray<long>.Empty, EquatableArray<long>.Empty, EquatableArray<long>.Empty,
        1, true, false, null, null, 1e-5, 0.1, false, false, 1, null, 0, null, false);

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
