using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>Specs whose model name is already taken (not emitted) and the QD0006 errors for them.</summary>
internal sealed record DuplicateModels(EquatableArray<string> SkippedPaths, EquatableArray<DiagnosticInfo> Diagnostics);
