using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>
/// The parts of a checkpoint's payload on their own (tensors, history, the mid-epoch position, early stopping), byte
/// for byte and round trip, and what the trainer restores from them: the history, the best-model snapshot, and the
/// one-line refusal of a payload it cannot read.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class TrainerStateTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-state-" + Guid.NewGuid().ToString("N"));

    public TrainerStateTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void ATensorIsWrittenAsNameDtypeShapeAndBytes()
    {
        using Tensor w = tensor(new float[] { 1f, 2f });
        byte[] bytes = Write(writer => TrainerState.WriteTensors(writer, [new("w", w)]));

        bytes.ShouldBe(
        [
            1, 0, 0, 0,                         // one tensor
            1, (byte)'w',                       // name
            (byte)ScalarType.Float32, 0, 0, 0,  // dtype
            1, 0, 0, 0,                         // rank
            2, 0, 0, 0, 0, 0, 0, 0,             // shape
            8, 0, 0, 0,                         // byte count
            0, 0, 0x80, 0x3F, 0, 0, 0, 0x40,    // 1f, 2f
        ]);
    }

    [Fact]
    public void TensorsOfEveryShapeAndTypeRoundTripExactly()
    {
        using var scope = NewDisposeScope();
        (string Name, Tensor Value)[] originals =
        [
            ("fc.weight", arange(6, dtype: float32).reshape(2, 3).t()),  // not contiguous: written in logical order
            ("steps", tensor(7L)),
            ("empty", zeros(0, 4, dtype: float64)),
            ("mask", tensor(new[] { true, false, true })),
            ("ünïcode.bias", tensor(new byte[] { 0, 128, 255 })),
        ];

        byte[] bytes = Write(writer => TrainerState.WriteTensors(writer, originals.Select(o => new KeyValuePair<string, Tensor>(o.Name, o.Value)).ToList()));
        Dictionary<string, Tensor> back = Read(bytes, TrainerState.ReadTensors);
        try
        {
            back.Keys.ShouldBe(originals.Select(o => o.Name), ignoreOrder: true);
            foreach ((string name, Tensor value) in originals)
            {
                back[name].dtype.ShouldBe(value.dtype, name);
                back[name].shape.ShouldBe(value.shape, name);
                back[name].bytes.ToArray().ShouldBe(value.contiguous().bytes.ToArray(), name);
            }

            back["fc.weight"].data<float>().ToArray().ShouldBe([0f, 3f, 1f, 4f, 2f, 5f]);
        }
        finally
        {
            foreach (Tensor t in back.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void CopyIntoFillsEveryStateEntryOrNamesTheMissingOne()
    {
        using var model = new TinyClassifier(4, 3, 2, seed: 1);
        using var donor = new TinyClassifier(4, 3, 2, seed: 2);
        Dictionary<string, Tensor> source = donor.state_dict();

        TrainerState.CopyInto(model, source, "the snapshot");
        foreach ((string name, Tensor value) in model.state_dict())
        {
            value.bytes.ToArray().ShouldBe(source[name].bytes.ToArray(), name);
            value.requires_grad.ShouldBe(value.is_floating_point(), name);
        }

        var partial = source.Where(kv => kv.Key != "output.bias").ToDictionary(kv => kv.Key, kv => kv.Value);
        Should.Throw<InvalidDataException>(() => TrainerState.CopyInto(model, partial, "Checkpoint 'x'"))
            .Message.ShouldBe("Checkpoint 'x' has no entry 'output.bias'.");
    }

    [Fact]
    public void HistoryRoundTripsWithEveryMetricInOrder()
    {
        EpochResult[] history =
        [
            new(0, 0.001, 1.5, 320.25, new Dictionary<string, double> { ["loss"] = 2.5, ["val_loss"] = double.NaN, ["accuracy"] = 0.125 }),
            new(1, 5e-4, 0.75, 640.5, new Dictionary<string, double>()),
            new(7, double.Epsilon, double.MaxValue, 0, new Dictionary<string, double> { ["ünïcode"] = -0.0 }),
        ];

        byte[] bytes = Write(writer => TrainerState.WriteHistory(writer, history));
        List<EpochResult> back = Read(bytes, TrainerState.ReadHistory);

        back.Count.ShouldBe(3);
        for (int i = 0; i < history.Length; i++)
        {
            (back[i].Epoch, back[i].LearningRate, back[i].Seconds, back[i].SamplesPerSecond).ShouldBe((history[i].Epoch, history[i].LearningRate, history[i].Seconds, history[i].SamplesPerSecond));
            back[i].Metrics.Keys.ShouldBe(history[i].Metrics.Keys);
            back[i].Metrics.Values.Select(BitConverter.DoubleToInt64Bits).ShouldBe(history[i].Metrics.Values.Select(BitConverter.DoubleToInt64Bits));
        }

        Read(Write(writer => TrainerState.WriteHistory(writer, [])), TrainerState.ReadHistory).ShouldBeEmpty();
    }

    [Fact]
    public void AMidEpochPositionIs52BytesAndRoundTrips()
    {
        var position = new EpochPosition(ulong.MaxValue - 1, int.MaxValue, 123.456, long.MaxValue, 3, long.MinValue, -0.5);

        byte[] bytes = Write(position.Write);

        bytes.Length.ShouldBe(8 + 4 + 8 + 8 + 8 + 8 + 8);
        BitConverter.ToUInt64(bytes, 0).ShouldBe(ulong.MaxValue - 1);
        BitConverter.ToInt32(bytes, 8).ShouldBe(int.MaxValue);
        Read(bytes, EpochPosition.Read).ShouldBe(position);
    }

    [Fact]
    public void EarlyStoppingStartsEmptyAndRefusesBadOptions()
    {
        Should.Throw<ArgumentNullException>(() => new EarlyStopping(null!));
        Should.Throw<ArgumentOutOfRangeException>(() => new EarlyStopping(new EarlyStoppingOptions { Patience = -1 })).ParamName.ShouldBe("options.Patience");

        var min = new EarlyStopping(new EarlyStoppingOptions { Mode = MetricMode.Min, Patience = 0 });
        (min.Best, min.BestEpoch, min.Wait, min.ShouldStop).ShouldBe((double.PositiveInfinity, -1, 0, false));
        var max = new EarlyStopping(new EarlyStoppingOptions { Mode = MetricMode.Max, Patience = 0 });
        (max.Best, max.BestEpoch, max.Wait, max.ShouldStop).ShouldBe((double.NegativeInfinity, -1, 0, false));

        min.Update(0, 5).ShouldBeTrue();
        min.ShouldStop.ShouldBeTrue("patience 0 stops right after the first recorded epoch");
    }

    [Theory]
    [InlineData(MetricMode.Min, 1.0, 0.25, 0.75, false)]
    [InlineData(MetricMode.Min, 1.0, 0.25, 0.625, true)]
    [InlineData(MetricMode.Min, 1.0, 0.0, 1.0, false)]
    [InlineData(MetricMode.Min, 1.0, 0.0, 0.9375, true)]
    [InlineData(MetricMode.Max, 0.5, 0.25, 0.75, false)]
    [InlineData(MetricMode.Max, 0.5, 0.25, 0.875, true)]
    [InlineData(MetricMode.Max, 0.5, 0.0, 0.5, false)]
    [InlineData(MetricMode.Min, 1.0, 0.0, double.NaN, false)]
    [InlineData(MetricMode.Max, 0.5, 0.0, double.NaN, false)]
    public void AnImprovementMustBeatTheBestByMoreThanMinDelta(MetricMode mode, double best, double minDelta, double next, bool improves)
    {
        var stopping = new EarlyStopping(new EarlyStoppingOptions { Mode = mode, MinDelta = minDelta, Patience = 2 });
        stopping.Update(3, best).ShouldBeTrue();

        stopping.Update(4, next).ShouldBe(improves);

        (stopping.Best, stopping.BestEpoch, stopping.Wait).ShouldBe(improves ? (next, 4, 0) : (best, 3, 1));
    }

    [Fact]
    public void RestoreSetsBestEpochAndWaitAndTheStopFollows()
    {
        var stopping = new EarlyStopping(new EarlyStoppingOptions { Patience = 3 });
        stopping.Restore(0.25, 6, 2);
        (stopping.Best, stopping.BestEpoch, stopping.Wait, stopping.ShouldStop).ShouldBe((0.25, 6, 2, false));

        stopping.Update(9, 0.25).ShouldBeFalse();
        (stopping.Wait, stopping.ShouldStop).ShouldBe((3, true));
        stopping.Update(10, 0.125).ShouldBeTrue();
        (stopping.Best, stopping.BestEpoch, stopping.Wait, stopping.ShouldStop).ShouldBe((0.125, 10, 0, false));
    }

    [Fact]
    public void AResumedRunKeepsTheSavedHistoryAndRestoresTheBestSnapshotSavedBeforeTheStop()
    {
        // Training loss "at its maximum" is best at epoch 0 while training lowers it: the weights restored at the end
        // are epoch 0's, which only the checkpoint's best-model snapshot can give a run resumed after epoch 2.
        List<VectorSample> train = SyntheticTasks.Blobs(96, 3, 4, seed: 61, spread: 1.2);
        List<VectorSample> valid = SyntheticTasks.Blobs(30, 3, 4, seed: 62, spread: 1.2);
        TrainerOptions Options(string checkpoint) => new()
        {
            Epochs = 4,
            LearningRate = 0.05,
            EarlyStopping = new EarlyStoppingOptions { Monitor = MetricNames.TrainLoss, Mode = MetricMode.Max, Patience = 100 },
            RestoreBestModel = true,
            CheckpointPath = checkpoint,
            Seed = 77,
            Progress = ProgressMode.None,
        };

        string checkpoint = Path.Combine(dir, "killed.qdckpt");
        List<EpochResult> before;
        var epoch0 = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var killedModel = new TinyClassifier(4, 8, 3, seed: 63))
        using (var killed = new Trainer(killedModel, Options(checkpoint)))
        using (var cancel = new CancellationTokenSource())
        {
            killed.EpochCompleted += (_, r) =>
            {
                if (r.Epoch == 0)
                {
                    foreach ((string name, Tensor value) in killedModel.state_dict())
                    {
                        epoch0[name] = value.bytes.ToArray();
                    }
                }
                else
                {
                    cancel.Cancel();
                }
            };
            before = killed.Fit(SyntheticTasks.ClassificationLoader(train, 16), SyntheticTasks.ClassificationLoader(valid, 16, shuffle: false), cancel.Token).History.ToList();
        }

        using var resumedModel = new TinyClassifier(4, 8, 3, seed: 64);
        TrainingResult resumed;
        using (var trainer = new Trainer(resumedModel, Options(checkpoint)))
        {
            resumed = trainer.Fit(SyntheticTasks.ClassificationLoader(train, 16), SyntheticTasks.ClassificationLoader(valid, 16, shuffle: false));
        }

        before.Count.ShouldBe(2);
        resumed.History.Count.ShouldBe(4);
        resumed.History.Take(2).Select(r => (r.Epoch, r.LearningRate, r.Seconds, r.SamplesPerSecond)).ShouldBe(before.Select(r => (r.Epoch, r.LearningRate, r.Seconds, r.SamplesPerSecond)));
        resumed.History.Take(2).Select(r => r.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList()).ShouldBe(before.Select(r => r.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList()));
        resumed.History[^1].Get(MetricNames.TrainLoss).ShouldBeLessThan(resumed.History[0].Get(MetricNames.TrainLoss), "training went on after epoch 0");
        (resumed.BestEpoch, resumed.BestValue).ShouldBe((0, before[0].Get(MetricNames.TrainLoss)));
        foreach ((string name, Tensor value) in resumedModel.state_dict())
        {
            value.bytes.ToArray().ShouldBe(epoch0[name], name);
        }
    }

    [Fact]
    public void APayloadTheTrainerCannotReadIsRefusedInOneLine()
    {
        string path = Path.Combine(dir, "short.qdckpt");
        using var model = new TinyClassifier(4, 8, 3, seed: 65);
        byte[] payload = [.. BitConverter.GetBytes((int)OptimizerKind.Adam), .. BitConverter.GetBytes(1), 1, 2, 3];
        CheckpointFile.Write(path, ModelSignature.Of(model), payload);

        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, CheckpointPath = path, Progress = ProgressMode.None });
        CheckpointException ex = Should.Throw<CheckpointException>(() => trainer.Fit(SyntheticTasks.ClassificationLoader(SyntheticTasks.Blobs(32, 3, 4, seed: 66), 16)));

        ex.FilePath.ShouldBe(path);
        ex.Problem.ShouldBe("cannot be restored: Unable to read beyond the end of the stream.");
        ex.InnerException.ShouldBeOfType<EndOfStreamException>();
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, "was written by a run using the Sgd optimizer; this run uses Adam.")]
    [InlineData(OptimizerKind.AdamW, "was written by a run using the AdamW optimizer; this run uses Adam.")]
    public void ACheckpointOfAnotherOptimizerIsRefusedWithBoth(OptimizerKind saved, string problem)
    {
        string path = Path.Combine(dir, "other.qdckpt");
        using var model = new TinyClassifier(4, 8, 3, seed: 67);
        CheckpointFile.Write(path, ModelSignature.Of(model), BitConverter.GetBytes((int)saved));

        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 2, Optimizer = OptimizerKind.Adam, CheckpointPath = path, Progress = ProgressMode.None });
        Should.Throw<CheckpointException>(() => trainer.Fit(SyntheticTasks.ClassificationLoader(SyntheticTasks.Blobs(32, 3, 4, seed: 68), 16))).Problem.ShouldBe(problem);
    }

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static T Read<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        T value = read(reader);
        reader.BaseStream.Position.ShouldBe(bytes.Length, "everything written is read back");
        return value;
    }
}
