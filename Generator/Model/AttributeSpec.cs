using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// A <c>[Model]</c> class read as a spec. The attributes are turned into one YAML line each and parsed by the
/// YAML parser, so both front ends accept exactly the same language; <see cref="LineMap"/> sends a diagnostic on
/// line n of that text back to the attribute it came from.
/// </summary>
internal sealed record AttributeSpec(Result<ModelSpec> Parsed, string SyntheticPath, string SourcePath, EquatableArray<LocationInfo> LineMap, LocationInfo? ClassLocation);
