using System.Collections.Generic;

namespace QuickDrawDsl.Examples.QuickDraw.Serve.Api;

/// <summary>A model input or output.</summary>
/// <param name="Name">Its name in the ONNX graph.</param>
/// <param name="ElementType">float32 or int64.</param>
/// <param name="Shape">Its dimensions: a number, or the name of a dynamic dimension.</param>
internal sealed record TensorDescription(string Name, string ElementType, IReadOnlyList<string> Shape);
