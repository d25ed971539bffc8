using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Schedules;
using QuickDrawDsl.Testing;

namespace QuickDrawDsl.Generator.Tests.Sections;

/// <summary>The records generated from <c>training:</c> and <c>data:</c> compile, carry the spec's values and, where the spec is silent, the runtime's defaults.</summary>
public sealed class SectionRecordTests
{
    private const string Model = "model: Net\nnamespace: App.Models\nkind: seq2vec\ninput: { name: x, shape: [time, 3] }\nlabels: [cat, dog, fish, bird]\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 4 }\n";

    private const string Full = Model + """
        training:
          optimizer: adamw
          learning_rate: 3e-3
          weight_decay: 0.01
          epochs: 30
          batch_size: 64
          warmup_epochs: 2
          schedule: cosine
          min_learning_rate: 1e-5
          loss: cross_entropy
          label_smoothing: 0.1
          class_weights: [1, 2, 1, 0.5]
          metrics: [accuracy, f1]
          top_k: 3
          clip_grad_norm: 1.0
          early_stopping: { monitor: val_accuracy, patience: 4 }
          checkpoint: { every_batches: 200, restore_best: false }
          seed: 7
          threads: 2
          device: auto
        data:
          format: quickdraw_ndjson
          path: "data/quick draw"
          max_points: 120
          max_per_class: 5000
          splits: { validation: 0.2, test: 0.05, by: position }
          shuffle: false
          max_bad_fraction: 0.01

        """;

    [Fact]
    public void GeneratedRecordsAreApproved()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Full));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.Keys.ShouldBe(["App.Models.Net.g.cs", "App.Models.NetOptions.g.cs", "App.Models.NetTraining.g.cs", "App.Models.NetData.g.cs", "App.Models.NetPredictor.g.cs"], ignoreOrder: true);
        Approvals.VerifyAll(
            [
                new SnapshotFile($"{nameof(SectionRecordTests)}#NetTraining.g", "cs", run.Sources["App.Models.NetTraining.g.cs"]),
                new SnapshotFile($"{nameof(SectionRecordTests)}#NetData.g", "cs", run.Sources["App.Models.NetData.g.cs"]),
            ],
            SnapshotFolder.Relative);
    }

    [Fact]
    public void RecordsCompileAndCarryTheSpecValues()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Full));
        run.CompileProblems().ShouldBeEmpty();

        Use(run, assembly =>
        {
            var training = (TrainingSection)Activator.CreateInstance(assembly.GetType("App.Models.NetTraining")!)!;
            training.Optimizer.ShouldBe(OptimizerKind.AdamW);
            training.LearningRate.ShouldBe(3e-3);
            training.WarmupEpochs.ShouldBe(2);
            training.Schedule.ShouldBe(ScheduleKind.Cosine);
            training.ClassWeights.ShouldBe([1f, 2f, 1f, 0.5f]);
            training.BalancedClassWeights.ShouldBeFalse();
            training.Metrics.ShouldBe([TrainingMetric.Accuracy, TrainingMetric.F1]);
            training.TopK.ShouldBe(3);
            training.EarlyStopping.ShouldBe(new EarlyStoppingOptions { Monitor = "val_accuracy", Mode = MetricMode.Max, Patience = 4, MinDelta = 0 });
            training.CheckpointEveryBatches.ShouldBe(200);
            training.RestoreBestModel.ShouldBeFalse();
            (training.Seed, training.Threads, training.Device).ShouldBe((7L, 2, DeviceChoice.Auto));
            training.Problems(classCount: 4).ShouldBeEmpty();
            training.Problems(classCount: 2).Select(p => p.Key).ShouldBe(["class_weights", "top_k"]);

            TrainerOptions options = training.ToTrainerOptions(classCount: 4);
            options.Schedule.ShouldBeOfType<WarmupLrSchedule>().After.ShouldBeOfType<CosineLrSchedule>().Period.ShouldBe(28);
            options.Schedule!.LearningRateFor(0, 3e-3).ShouldBe(1e-3, 1e-12);
            (options.Epochs, options.LabelSmoothing, options.ClipGradientNorm, options.ClassCount).ShouldBe((30, 0.1, 1.0, 4));

            var data = (DataSection)Activator.CreateInstance(assembly.GetType("App.Models.NetData")!)!;
            (data.Format, data.Path, data.MaxPoints, data.MaxPerClass).ShouldBe((DataFormat.QuickDrawNdjson, "data/quick draw", 120, 5000));
            (data.ValidationFraction, data.TestFraction, data.SplitBy, data.Shuffle, data.MaxBadFraction).ShouldBe((0.2, 0.05, SplitMethod.Position, false, 0.01));
            data.Problems().ShouldBeEmpty();
            (data with { TestFraction = 0.9 }).Problems().Single().Key.ShouldBe("splits");
            (data with { Format = DataFormat.Npz }).Problems().ShouldBeEmpty("npz archives may hold stroke sequences");
            (data with { Format = DataFormat.Npy }).Problems().Single().ShouldBe(new SectionProblem("max_points", "applies to drawings, not format npy"), "bitmaps have no points: the build rejects the same with QD0018");
        });
    }

    [Fact]
    public void SettingsTheSpecLeavesOutAreTheRuntimeDefaults()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", Model + "training:\ndata: { format: npy }\n"));
        run.CompileProblems().ShouldBeEmpty();

        Use(run, assembly =>
        {
            object training = Activator.CreateInstance(assembly.GetType("App.Models.NetTraining")!)!;
            object data = Activator.CreateInstance(assembly.GetType("App.Models.NetData")!)!;
            SameProperties(training, new TrainingSection());
            SameProperties(data, new DataSection { Format = DataFormat.Npy });
        });
    }

    [Fact]
    public void AModelNamedLikeAnotherModelsSectionRecordIsRefused()
    {
        GeneratorRun run = GeneratorRun.Of(
            ("/src/Models/A.model.yaml", "model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\ntraining: {}\n"),
            ("/src/Models/B.model.yaml", "model: NetTraining\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n"));

        run.Diagnostics.Select(d => d.Id).ShouldBe(["QD0015"]);
        run.CompileProblems().ShouldBeEmpty();
    }

    private static void SameProperties(object generated, object expected)
    {
        foreach (PropertyInfo property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
        {
            object? actual = property.GetValue(generated);
            object? wanted = property.GetValue(expected);
            if (actual is IEnumerable list && wanted is IEnumerable other && actual is not string)
            {
                list.Cast<object>().ShouldBe(other.Cast<object>(), property.Name);
            }
            else
            {
                actual.ShouldBe(wanted, property.Name);
            }
        }
    }

    private static void Use(GeneratorRun run, Action<Assembly> use)
    {
        byte[] image = CompiledModels.Compile(run);
        CompiledModels.Use(image, types => use(types[0].Assembly));
    }
}
