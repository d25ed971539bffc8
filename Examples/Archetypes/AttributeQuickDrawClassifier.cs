namespace QuickDrawDsl.Examples.Archetypes;

/// <summary>The QuickDraw classifier of QuickDrawClassifier.model.yaml, declared with attributes instead.</summary>
[Model(ModelKind.Seq2Vec, Description = "Classifies a QuickDraw sketch given as stroke-3 points (dx, dy, pen lift).")]
[ModelInput("strokes", "time", 3)]
[ModelOutput("logits", 345)]
[Layer("conv1d", "filters: 32, kernel: 5, stride: 2, padding: same")]
[Layer("batchnorm")]
[Layer("conv1d", "filters: 64, kernel: 5, stride: 2, padding: same")]
[Layer("batchnorm")]
[Layer("conv1d", "filters: 128, kernel: 3, stride: 2, padding: same")]
[Layer("batchnorm")]
[Layer("lstm", "units: 128, return_sequences: true")]
[Layer("lstm", "units: 128")]
[Layer("dense", "units: 345")]
public partial class AttributeQuickDrawClassifier
{
}
