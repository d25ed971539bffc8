using QuickDrawDsl.Generator.Diagnostics;

namespace QuickDrawDsl.Generator.Model;

/// <summary>One <c>key: value</c> of a layer, with the location of its value.</summary>
internal sealed record LayerParam(string Key, ParamValue Value, LocationInfo? Location);
