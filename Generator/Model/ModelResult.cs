using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The outcome for one spec: the plan to emit (null when the spec has errors) and every diagnostic found.</summary>
internal sealed record ModelResult(string? Name, string? Namespace, string SourcePath, LocationInfo? NameLocation, ModelPlan? Plan, EquatableArray<DiagnosticInfo> Diagnostics);
