using QuickDrawDsl.Generator.Diagnostics;

namespace QuickDrawDsl.Generator.Model;

/// <summary>A hyperparameter declared under <c>options:</c>; layers refer to it as <c>$name</c>.</summary>
internal sealed record OptionSpec(string Name, ParamValue Default, LocationInfo? Location);
