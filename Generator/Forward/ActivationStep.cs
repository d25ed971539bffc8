namespace QuickDrawDsl.Generator.Forward;

/// <summary>Applies an activation; <paramref name="FeatureAxis"/> is the axis softmax normalises.</summary>
internal sealed record ActivationStep(string Function, string FeatureAxis, string Comment) : ForwardStep;
