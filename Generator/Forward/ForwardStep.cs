namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// One step of a model's forward pass as data: the <see cref="ForwardPlanner"/> computes the list once from the plan,
/// and each backend's renderer (TorchSharp <c>forward</c>, ONNX <c>ToOnnx</c>) writes it in its own calls.
/// A step's comment is the tensor's physical shape after it ([B, C, T] while channels-first).
/// </summary>
internal abstract record ForwardStep;
