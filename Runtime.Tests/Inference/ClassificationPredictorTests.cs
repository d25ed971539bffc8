using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using QuickDrawDsl.Runtime.Tests.Training;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Inference;

/// <summary>One label-aware prediction API over a TorchSharp module and over its ONNX export.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ClassificationPredictorTests
{
    [Fact]
    public void TorchSharpAndOnnxRuntimeGiveTheSameLabelsAndProbabilities()
    {
        torch.random.manual_seed(95);
        using var model = new StackedRecurrentClassifier();
        using var fromModel = ClassificationPredictor.FromModel(model, ClassifierOutput.Probabilities);
        using var fromOnnx = ClassificationPredictor.FromOnnx(new OnnxPredictor(model.ToOnnx().ToBytes()), ownsPredictor: true);
        var random = new Random(96);
        float[] data = [.. Enumerable.Range(0, 3 * 7 * 3).Select(_ => (float)((random.NextDouble() * 4) - 2))];

        IReadOnlyList<ClassPrediction> torchResult = fromModel.PredictBatch(data, [3, 7, 3]);
        IReadOnlyList<ClassPrediction> onnxResult = fromOnnx.PredictBatch(data, [3, 7, 3]);

        fromModel.Labels.ShouldBe(["cat", "dog", "fish", "bird"]);
        fromOnnx.Labels.ShouldBe(fromModel.Labels);
        fromOnnx.Backend.ShouldBe("ONNX Runtime (CPU)");
        for (int r = 0; r < 3; r++)
        {
            torchResult[r].Ranked.Count.ShouldBe(4);
            torchResult[r].Ranked.Sum(s => s.Probability).ShouldBe(1f, tolerance: 1e-5f);
            onnxResult[r].Label.ShouldBe(torchResult[r].Label);
            foreach (string label in fromModel.Labels)
            {
                onnxResult[r].ProbabilityOf(label).ShouldBe(torchResult[r].ProbabilityOf(label), tolerance: 1e-4f);
            }
        }

        ClassPrediction single = fromModel.Predict(data[..21], [7, 3]);
        single.Label.ShouldBe(torchResult[0].Label);
        single.Top(2).Select(s => s.Label).ShouldBe(torchResult[0].Ranked.Take(2).Select(s => s.Label));
        single.Top(9).Count.ShouldBe(4);
        Should.Throw<KeyNotFoundException>(() => single.ProbabilityOf("horse")).Message.ShouldBe("'horse' is not a label of this model (labels: cat, dog, fish, bird).");
        Should.Throw<ArgumentException>(() => fromModel.Predict(data[..20], [7, 3])).Message.ShouldStartWith("20 values do not fill the shape [1, 7, 3] (21 values).");
    }

    [Fact]
    public void LogitsBecomeSoftmaxAndWrongLabelCountsAreNamed()
    {
        using var model = new TinyClassifier(2, 8, 3, seed: 97);
        using var predictor = ClassificationPredictor.FromModel(model, labels: ["a", "b", "c"]);
        ClassPrediction p = predictor.Predict([0.5f, -1f], [2]);
        using var logits = model.call(torch.tensor(new[] { 0.5f, -1f }, [1, 2]));
        float[] expected = logits.softmax(1).data<float>().ToArray();
        p.ProbabilityOf("a").ShouldBe(expected[0], tolerance: 1e-6f);
        p.ProbabilityOf("c").ShouldBe(expected[2], tolerance: 1e-6f);
        p.Label.ShouldBe(new[] { "a", "b", "c" }[Array.IndexOf(expected, expected.Max())]);

        using var wrong = ClassificationPredictor.FromModel(model, labels: ["a", "b"]);
        Should.Throw<ArgumentException>(() => wrong.Predict([0f, 0f], [2])).Message.ShouldStartWith("the model outputs 3 classes but has 2 labels");
        using var unlabelled = ClassificationPredictor.FromModel(model);
        unlabelled.Predict([0f, 0f], [2]).Ranked.Select(s => s.Label).Order().ShouldBe(["0", "1", "2"]);
    }
}
