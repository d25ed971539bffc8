using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Runtime.Tests.Training;

public sealed class ModelInterfaceTests
{
    [Fact]
    public void SequenceModelReceivesLengthsAndLearnsFromValidStepsOnly()
    {
        // Class is the sign of the valid steps; padding is zero, so a mean over padded steps would still work,
        // but only the length-aware path divides by the true length: check that path is the one used.
        var random = new ShuffleRandom(41);
        var samples = new List<SequenceSample>();
        for (int i = 0; i < 96; i++)
        {
            int label = random.NextInt(2);
            int length = 3 + random.NextInt(10);
            var features = new float[length * 2];
            for (int j = 0; j < features.Length; j++)
            {
                features[j] = (float)((label == 0 ? -1 : 1) + (0.3 * random.NextGaussian()));
            }

            samples.Add(new SequenceSample(features, 2, label));
        }

        var loader = new DataLoader<SequenceSample>(new ListDataset<SequenceSample>(samples), SequenceCollate.Classification, new DataLoaderOptions { BatchSize = 16, BucketChunkBatches = 3 }, s => s.Length);
        using var model = new LengthAwareModel(2, 2);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 4, LearningRate = 0.05, Progress = ProgressMode.None });
        TrainingResult result = trainer.Fit(loader, loader);

        model.PlainCalls.ShouldBe(0);
        model.LengthCalls.ShouldBe(4 * 6 * 2);
        result.History[^1].Get(MetricNames.ValidationAccuracy).ShouldBe(1.0);
    }

    [Fact]
    public void AdapterTrainsATwoInputModuleWithLengths()
    {
        var random = new ShuffleRandom(72);
        var samples = new List<SequenceSample>();
        for (int i = 0; i < 64; i++)
        {
            int label = random.NextInt(2);
            int length = 2 + random.NextInt(6);
            var features = new float[length];
            for (int j = 0; j < length; j++)
            {
                features[j] = label == 0 ? -1 : 1;
            }

            samples.Add(new SequenceSample(features, 1, label));
        }

        var loader = new DataLoader<SequenceSample>(new ListDataset<SequenceSample>(samples), SequenceCollate.Classification, new DataLoaderOptions { BatchSize = 16 });
        using var model = new SequenceModelAdapter(new TwoInputMeanModel(1, 2));
        model.named_parameters().Select(p => p.name).ShouldBe(["inner.head.weight", "inner.head.bias"]);
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 5, LearningRate = 0.1, Progress = ProgressMode.None });
        trainer.Fit(loader, loader).History[^1].Get(MetricNames.ValidationAccuracy).ShouldBe(1.0);

        // One input: every step counts, which for constant sequences gives the same mean.
        using var scope = TorchSharp.torch.NewDisposeScope();
        using Batch batch = SequenceCollate.Classification([samples[0]]);
        model.call(batch.Inputs).argmax(1).item<long>().ShouldBe(samples[0].Label);
    }

    [Fact]
    public void TeacherForcedModelGetsTargetsInTrainingOnly()
    {
        List<VectorSample> data = SyntheticTasks.Linear(64, seed: 42);
        var loader = new DataLoader<VectorSample>(new ListDataset<VectorSample>(data), VectorSample.Regression, new DataLoaderOptions { BatchSize = 16 });
        using var model = new TeacherForcedModel();
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, Loss = LossKind.Mse, Progress = ProgressMode.None });
        trainer.Fit(loader, loader);
        model.TeacherForcedCalls.ShouldBe(2 * 4);
        model.PlainCalls.ShouldBe(2 * 4);
    }
}
