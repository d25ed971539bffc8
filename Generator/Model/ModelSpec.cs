using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// A parsed model spec: the first cache boundary of the pipeline. Plain equatable data only (no symbols,
/// syntax or <see cref="Microsoft.CodeAnalysis.Location"/>), so an unchanged spec compares equal and its
/// downstream steps stay cached. <see cref="Training"/> and <see cref="Data"/> are the spec's <c>training:</c> and
/// <c>data:</c> sections, when it has them.
/// </summary>
internal sealed record ModelSpec(
    string Name,
    string Namespace,
    ModelKind Kind,
    string? Description,
    string SourceName,
    TensorSpec Input,
    TensorSpec? Output,
    EquatableArray<LayerSpec> Layers,
    DecoderSpec? Decoder,
    EquatableArray<string> Labels,
    EquatableArray<OptionSpec> Options,
    LocationInfo? NameLocation,
    bool FromAttribute,
    string Accessibility,
    Sections.SectionSpec? Training = null,
    Sections.SectionSpec? Data = null);
