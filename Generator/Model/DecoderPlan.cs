using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The resolved decoder of an encoder–decoder or vec2seq model.</summary>
internal sealed record DecoderPlan(
    string Cell,
    Dim Units,
    long NumLayers,
    long Steps,
    long OutFeatures,
    long Parameters,
    EquatableArray<LayerPlan> Head,
    LocationInfo? Location);
