using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Model;

/// <summary>The model's input or output: a name and a shape without the batch axis (a dim is a size or a symbol such as <c>time</c>).</summary>
internal sealed record TensorSpec(string Name, EquatableArray<Dim> Shape, string DType, LocationInfo? Location, LocationInfo? ShapeLocation, LocationInfo? NameLocation);
