using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>
/// A model that turns non-finite at a known training call (epoch 2, batch 3 with 4 batches per epoch): the trainer
/// stops there with <see cref="NonFiniteLossException"/>, takes no optimizer step with the bad values, and keeps the
/// checkpoint of epoch 1, which a new run resumes from.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class NonFiniteLossTests : IDisposable
{
    private const int BatchesPerEpoch = 4;
    private const int PoisonedEpoch = 2;
    private const int PoisonedBatch = 3;
    private const int PoisonedCall = ((PoisonedEpoch - 1) * BatchesPerEpoch) + PoisonedBatch;

    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-nonfinite-" + Guid.NewGuid().ToString("N"));
    private readonly List<VectorSample> train = SyntheticTasks.Blobs(BatchesPerEpoch * 16, 3, 4, seed: 61);

    public NonFiniteLossTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(Poison.Loss, null, "loss")]
    [InlineData(Poison.Gradient, null, "gradient norm")]
    [InlineData(Poison.Gradient, 1.0, "gradient norm")]
    public void StopsAtTheBatchWithoutStepping(Poison poison, double? clipNorm, string quantity)
    {
        string checkpoint = Path.Combine(dir, "run.qdckpt");
        using var model = new PoisonedClassifier(4, 8, 3, seed: 62, PoisonedCall, poison);
        byte[]? checkpointAfterEpoch1 = null;
        Dictionary<string, float[]>? weightsAfterEpoch1 = null;
        using (var trainer = new Trainer(model, Options(checkpoint, epochs: 3, clipNorm)))
        {
            trainer.EpochCompleted += (_, r) =>
            {
                if (r.Epoch == 0)
                {
                    checkpointAfterEpoch1 = File.ReadAllBytes(checkpoint);
                    weightsAfterEpoch1 = model.Weights();
                }
            };

            NonFiniteLossException error = Should.Throw<NonFiniteLossException>(() => trainer.Fit(Loader()));

            error.Epoch.ShouldBe(PoisonedEpoch);
            error.Batch.ShouldBe(PoisonedBatch);
            error.Quantity.ShouldBe(quantity);
            double.IsFinite(error.Value).ShouldBeFalse();
            error.CheckpointPath.ShouldBe(checkpoint);
            error.Message.ShouldStartWith($"training stopped at epoch {PoisonedEpoch}, batch {PoisonedBatch}: the {quantity} is ");
            error.Message.ShouldContain(checkpoint);
        }

        // The poisoned call was the last one, and no step followed it: the weights are those it saw, all finite.
        model.TrainingCalls.ShouldBe(PoisonedCall);
        model.WeightsAtPoisonedCall.ShouldNotBeNull();
        foreach ((string name, float[] values) in model.Weights())
        {
            values.ShouldAllBe(v => float.IsFinite(v), name);
            values.SequenceEqual(model.WeightsAtPoisonedCall[name]).ShouldBeTrue($"{name} changed after the poisoned call");
        }

        // The checkpoint on disk is epoch 1's, byte for byte, with no temporary file beside it.
        checkpointAfterEpoch1.ShouldNotBeNull();
        File.ReadAllBytes(checkpoint).SequenceEqual(checkpointAfterEpoch1).ShouldBeTrue("the checkpoint changed after epoch 1");
        Directory.GetFiles(dir).ShouldBe(new[] { checkpoint });

        // A new run resumes from it at epoch 2 with epoch 1's weights and completes.
        using var resumedModel = new PoisonedClassifier(4, 8, 3, seed: 999, poisonedCall: 0);
        using var resumed = new Trainer(resumedModel, Options(checkpoint, epochs: 3, clipNorm));
        Dictionary<string, float[]>? weightsAtResume = null;
        var probe = new ProbeLoader(Loader(), () => weightsAtResume ??= resumedModel.Weights());
        TrainingResult result = resumed.Fit(probe);
        result.History.Count.ShouldBe(3);
        result.History.Select(r => r.Epoch).ShouldBe(new[] { 0, 1, 2 });
        resumedModel.TrainingCalls.ShouldBe(2 * BatchesPerEpoch);
        weightsAtResume.ShouldNotBeNull();
        foreach ((string name, float[] values) in weightsAfterEpoch1!)
        {
            weightsAtResume[name].SequenceEqual(values).ShouldBeTrue($"{name} differs from epoch 1's");
        }

        result.History.ShouldAllBe(r => double.IsFinite(r.Get(MetricNames.TrainLoss)));
    }

    [Fact]
    public void WithoutACheckpointTheMessageSaysSo()
    {
        using var model = new PoisonedClassifier(4, 8, 3, seed: 63, poisonedCall: 1);
        using var trainer = new Trainer(model, Options(checkpoint: null, epochs: 2, clipNorm: null));
        NonFiniteLossException error = Should.Throw<NonFiniteLossException>(() => trainer.Fit(Loader()));
        error.Epoch.ShouldBe(1);
        error.Batch.ShouldBe(1);
        error.CheckpointPath.ShouldBeNull();
        error.Message.ShouldContain("no checkpoint was written");
    }

    private static TrainerOptions Options(string? checkpoint, int epochs, double? clipNorm) => new()
    {
        Epochs = epochs,
        LearningRate = 0.05,
        ClipGradientNorm = clipNorm,
        CheckpointPath = checkpoint,
        RestoreBestModel = false,
        Progress = ProgressMode.None,
    };

    private DataLoader<VectorSample> Loader() => SyntheticTasks.ClassificationLoader(train, 16);

    /// <summary>Runs <paramref name="onFirstBatch"/> before the first batch of every epoch is handed to the trainer.</summary>
    private sealed class ProbeLoader(IBatchLoader inner, Action onFirstBatch) : IBatchLoader
    {
        public int SampleCount => inner.SampleCount;

        public int BatchesPerEpoch => inner.BatchesPerEpoch;

        public IEnumerable<Batch> GetBatches(ShuffleRandom? random)
        {
            onFirstBatch();
            foreach (Batch batch in inner.GetBatches(random))
            {
                yield return batch;
            }
        }
    }
}
