using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The resolved decoder of an encoder–decoder or vec2seq model.</summary>
/// <remarks>
/// With <see cref="Condition"/> every step's input is the previous step's output (<see cref="OutFeatures"/>) followed by
/// the encoder's vector (<see cref="Units"/> features), so the first cell layer is that much wider.
/// </remarks>
internal sealed record DecoderPlan(
    string Cell,
    Dim Units,
    long NumLayers,
    long Steps,
    long OutFeatures,
    bool Condition,
    long Parameters,
    EquatableArray<LayerPlan> Head,
    LocationInfo? Location)
{
    /// <summary>The input width of the first cell layer as C#: the fed-back features, plus the encoder's vector when conditioned.</summary>
    public string InputCode => Condition
        ? (Units.Expression is null ? Invariant.Of(OutFeatures + Units.Size) : $"{Invariant.Of(OutFeatures)} + {Units.Code}")
        : Invariant.Of(OutFeatures);
}
