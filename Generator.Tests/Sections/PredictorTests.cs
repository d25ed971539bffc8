using System;
using System.Linq;
using System.Reflection;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Testing;
using TorchSharp;

namespace QuickDrawDsl.Generator.Tests.Sections;

/// <summary>A labelled classifier gets a typed predictor: its input in, labels and probabilities out.</summary>
public sealed class PredictorTests
{
    private const string Classifier = "model: Net\nnamespace: App.Models\nkind: seq2vec\ninput: { name: strokes, shape: [time, 3] }\nlabels: [cat, dog, fish]\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 3 }\n";

    [Fact]
    public void ALabelledClassifierGetsAnApprovedPredictor()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Classifier));

        run.Diagnostics.ShouldBeEmpty();
        Approvals.Verify(run.Sources["App.Models.NetPredictor.g.cs"], $"{nameof(PredictorTests)}#NetPredictor.g", "cs", SnapshotFolder.Relative);
    }

    [Theory]
    [InlineData("model: Net\ninput: { shape: [time, 3] }\nlayers:\n  - gru: { units: 8, return_sequences: false }\n  - dense: { units: 3 }\n")]
    [InlineData("model: Net\ninput: { shape: [time, 3] }\nlabels: [a, b]\nlayers:\n  - gru: { units: 8, return_sequences: false }\n  - dense: { units: 3 }\n")]
    [InlineData("model: Net\nkind: seq2seq\ninput: { shape: [time, 3] }\nlabels: [a, b]\nlayers:\n  - gru: { units: 8 }\n  - time_distributed: { dense: { units: 2 } }\n")]
    [InlineData("model: Net\ninput: { name: ids, shape: [time], dtype: int64 }\nlabels: [a, b]\nlayers:\n  - embedding: { vocab: 10, dim: 4 }\n  - gru: { units: 8, return_sequences: false }\n  - dense: { units: 2 }\n")]
    public void OtherModelsGetNone(string spec)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.Keys.ShouldNotContain(k => k.EndsWith("Predictor.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInputNamedLikeTheFieldCompiles()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Classifier.Replace("name: strokes", "name: predictor", StringComparison.Ordinal)));

        run.CompileProblems().ShouldBeEmpty();
    }

    [Fact]
    public void ThePredictorClassifiesAndRefusesAPartialRow()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Classifier));
        CompiledModels.Use(CompiledModels.Compile(run), types =>
        {
            Type model = types.Single();
            Type predictorType = model.Assembly.GetType("App.Models.NetPredictor")!;
            using var module = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(model)!;
            using var predictor = (IDisposable)predictorType.GetMethod("FromModel")!.Invoke(null, [module])!;
            MethodInfo predict = predictorType.GetMethod("Predict")!;

            var prediction = (ClassPrediction)predict.Invoke(predictor, [Enumerable.Range(0, 30).Select(i => (float)Math.Sin(i)).ToArray()])!;
            new[] { "cat", "dog", "fish" }.ShouldContain(prediction.Label);
            prediction.Ranked.Sum(s => s.Probability).ShouldBe(1f, 1e-5f);
            prediction.Probability.ShouldBe(prediction.Ranked.Max(s => s.Probability));

            var error = Should.Throw<TargetInvocationException>(() => predict.Invoke(predictor, [new float[31]]));
            error.InnerException.ShouldBeOfType<ArgumentException>().Message.ShouldStartWith("strokes has 31 values; it needs whole rows of 3 ([time, 3]).");
        });
    }
}
