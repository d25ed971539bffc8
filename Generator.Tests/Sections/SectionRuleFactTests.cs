using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Sections;

/// <summary>
/// Every rule of <c>training:</c> and <c>data:</c> (reading each kind of setting, and the checks across settings and
/// against the model's shapes) with its exact message and position, and the near cases it must let through. Facts over
/// small tables rather than theory rows: a mutation run attributes coverage to facts reliably (docs/testing.md).
/// </summary>
public sealed class SectionRuleFactTests
{
    private const string Classifier = "model: Net\nkind: seq2vec\ninput: { name: x, shape: [time, 3] }\noutput: { name: y, shape: [4] }\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 4 }\n";

    private const string Forecaster = "model: Net\nkind: seq2vec\ninput: { name: x, shape: [24, 1] }\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 1 }\n";

    private const string OneUnit = "model: Net\nkind: seq2vec\ninput: { name: x, shape: [time, 3] }\noutput: { name: y, shape: [1] }\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 1 }\n";

    [Fact]
    public void SettingsOfAnotherOptimizerOrScheduleAreReported()
    {
        Messages(Classifier + "training:\n  optimizer: adam\n  nesterov: true\n")
            .ShouldBe(["Net.model.yaml(10,13): error QD0018: 'nesterov' applies to optimizer sgd, not adam; remove it or use 'optimizer: sgd'"]);
        Messages(Classifier + "training:\n  schedule: step\n  min_learning_rate: 0.0001\n  step_size: 3\n  gamma: 0.5\n")
            .ShouldBe(["Net.model.yaml(10,22): error QD0018: 'min_learning_rate' applies to schedules cosine and plateau, not step"]);
        Messages(Classifier + "training:\n  schedule: cosine\n  gamma: 0.5\n  step_size: 2\n  min_learning_rate: 0.0001\n")
            .ShouldBe(
            [
                "Net.model.yaml(10,10): error QD0018: 'gamma' applies to schedules step and plateau, not cosine",
                "Net.model.yaml(11,14): error QD0018: 'step_size' applies to schedules step and plateau, not cosine",
            ]);
        Messages(Forecaster + "training:\n  loss: mse\n  huber_delta: 2\n")
            .ShouldBe(["Net.model.yaml(9,16): error QD0018: 'huber_delta' applies to loss huber, not mse"]);

        // The near cases: each setting where it applies.
        Generates(Classifier + "training:\n  optimizer: sgd\n  momentum: 0.9\n  nesterov: true\n");
        Generates(Classifier + "training:\n  schedule: plateau\n  gamma: 0.5\n  step_size: 2\n  min_learning_rate: 0.0001\n");
        Generates(Forecaster + "training:\n  loss: huber\n  huber_delta: 2\n");
    }

    [Fact]
    public void NesterovNeedsMomentum()
    {
        const string Message = "error QD0008: 'nesterov' has invalid value 'true': Nesterov momentum needs a momentum above 0; set 'momentum: 0.9'";
        Messages(Classifier + "training:\n  optimizer: sgd\n  nesterov: true\n").ShouldBe(["Net.model.yaml(10,13): " + Message]);
        Messages(Classifier + "training:\n  optimizer: sgd\n  momentum: 0\n  nesterov: true\n").ShouldBe(["Net.model.yaml(11,13): " + Message]);
        Generates(Classifier + "training:\n  optimizer: sgd\n  nesterov: false\n");
        Generates(Classifier + "training:\n  optimizer: sgd\n  momentum: 0.5\n  nesterov: true\n");
    }

    [Fact]
    public void MetricsMustBeRecordedByTheLoss()
    {
        Messages(Forecaster + "training:\n  loss: mse\n  metrics: [accuracy, mae, f1]\n").ShouldBe(
        [
            "Net.model.yaml(9,12): error QD0018: 'metrics' 'accuracy' is not recorded with loss mse; use mae",
            "Net.model.yaml(9,12): error QD0018: 'metrics' 'f1' is not recorded with loss mse; use mae",
        ]);
        Messages(Classifier + "training:\n  metrics: [mae, accuracy]\n")
            .ShouldBe(["Net.model.yaml(9,12): error QD0018: 'metrics' 'mae' is not recorded with loss cross_entropy; use accuracy, topk_accuracy, precision, recall, f1"]);
        Generates(Classifier + "training:\n  metrics: [accuracy, topk_accuracy, precision, recall, f1]\n");
    }

    [Fact]
    public void TheLearningRateFloorMustBeBelowTheRate()
    {
        Messages(Classifier + "training:\n  schedule: cosine\n  learning_rate: 0.01\n  min_learning_rate: 0.01\n")
            .ShouldBe(["Net.model.yaml(11,22): error QD0008: 'min_learning_rate' has invalid value '0.01': must be below learning_rate 0.01"]);
        Generates(Classifier + "training:\n  schedule: plateau\n  learning_rate: 0.01\n  min_learning_rate: 0.009\n");

        // Under another schedule the floor is reported as not applying, not compared with the rate.
        Messages(Classifier + "training:\n  schedule: step\n  learning_rate: 0.01\n  min_learning_rate: 0.1\n")
            .ShouldBe(["Net.model.yaml(11,22): error QD0018: 'min_learning_rate' applies to schedules cosine and plateau, not step"]);
        Generates(Classifier + "training:\n  epochs: 5\n  warmup_epochs: 4\n");
    }

    [Fact]
    public void TheEarlyStoppingMonitorMustBeRecorded()
    {
        Messages(Classifier + "training:\n  early_stopping: { monitor: zzzzzzzz }\n").ShouldBe(
            ["Net.model.yaml(9,30): error QD0008: 'early_stopping.monitor' has invalid value 'zzzzzzzz': a run with loss cross_entropy records val_loss, train_loss, val_accuracy, val_topk_accuracy, val_precision, val_recall, val_f1"]);
        Messages(Forecaster + "training:\n  loss: mae\n  early_stopping: { monitor: val_accuracy }\n").ShouldBe(
            ["Net.model.yaml(9,30): error QD0008: 'early_stopping.monitor' has invalid value 'val_accuracy': a run with loss mae records val_loss, train_loss, val_mae"]);
        Messages(Classifier + "training:\n  early_stopping: { monitor: val_acuracy }\n").ShouldBe(
            ["Net.model.yaml(9,30): error QD0008: 'early_stopping.monitor' has invalid value 'val_acuracy': a run with loss cross_entropy records val_loss, train_loss, val_accuracy, val_topk_accuracy, val_precision, val_recall, val_f1 (did you mean 'val_accuracy'?)"]);
        Generates(Classifier + "training:\n  early_stopping: { monitor: val_loss }\n");
        Generates(Classifier + "training:\n  early_stopping: { monitor: val_f1 }\n");
    }

    [Fact]
    public void AnEmptyEarlyStoppingGroupTurnsItOnWithItsDefaults()
    {
        string on = Generates(Classifier + "training:\n  early_stopping:\n").Single(s => s.Key.EndsWith("NetTraining.g.cs")).Value;
        string off = Generates(Classifier + "training:\n  epochs: 3\n").Single(s => s.Key.EndsWith("NetTraining.g.cs")).Value;

        on.ShouldContain("EarlyStopping = new global::QuickDrawDsl.Runtime.Training.EarlyStoppingOptions");
        off.ShouldNotContain("EarlyStopping = new");
    }

    [Fact]
    public void ClassCountsBoundTopKWeightsAndTheLoss()
    {
        Messages(Classifier + "training:\n  top_k: 5\n").ShouldBe(["Net.model.yaml(9,10): error QD0019: 'top_k' is 5, but the model has 4 classes; use at most 4"]);
        Generates(Classifier + "training:\n  top_k: 4\n");
        Generates(Classifier + "training:\n  class_weights: [1, 2, 3, 0]\n");
        Generates(Classifier + "training:\n  class_weights: balanced\n");

        const string OneClass = "error QD0019: loss cross_entropy, but the model has 1 output class; give the output a unit per class, or use a regression loss (mse, mae, huber)";
        Messages(OneUnit + "training:\n  loss: cross_entropy\n").ShouldBe(["Net.model.yaml(9,9): " + OneClass]);
        Messages(OneUnit + "training:\n  epochs: 3\n").ShouldBe(["Net.model.yaml(9,3): " + OneClass], "the default loss is cross_entropy: the section is pointed at");
        Generates(OneUnit + "training:\n  loss: mse\n");
    }

    [Fact]
    public void DataSettingsOfAnotherFormatAndMissingOnesAreReported()
    {
        Messages(Classifier + "data:\n  format: npy\n  max_points: 30\n")
            .ShouldBe(["Net.model.yaml(10,15): error QD0018: 'max_points' applies to format quickdraw_ndjson, quickdraw_raw, quickdraw_bin, quickdraw_cache, npz, not npy; remove it or change 'format'"]);
        Messages(Video("[3, 8, 16, 16]") + "data:\n  format: video_clips\n").ShouldBe(
        [
            "Net.model.yaml(8,11): error QD0003: 'data' (format video_clips) is missing required field 'frames': frames sampled a clip, e.g. 'frames: 8'",
            "Net.model.yaml(8,11): error QD0003: 'data' (format video_clips) is missing required field 'frame_size': pixels a side, e.g. 'frame_size: 32'",
        ]);
        Messages(Video("[3, 8, 16, 16]") + "data:\n  format: video_clips\n  frames: 8\n")
            .ShouldBe(["Net.model.yaml(8,11): error QD0003: 'data' (format video_clips) is missing required field 'frame_size': pixels a side, e.g. 'frame_size: 32'"]);
        Messages(Forecaster + "training:\n  loss: mse\ndata:\n  format: csv\n  window: 24\n  splits: { test: 0.2, by: hash }\n")
            .ShouldBe(["Net.model.yaml(12,28): error QD0018: 'splits.by' applies to format quickdraw_ndjson, quickdraw_raw, quickdraw_bin, not csv; remove it or change 'format'"]);
        Messages(Classifier + "data:\n  format: npy\n  splits: { by: position }\n")
            .ShouldBe(["Net.model.yaml(10,17): error QD0018: 'splits.by' applies to format quickdraw_ndjson, quickdraw_raw, quickdraw_bin, not npy; remove it or change 'format'"]);
        Generates(Classifier + "data:\n  format: quickdraw_raw\n  splits: { by: position }\n  max_per_class: 10\n");
        Messages(Classifier + "data:\n")
            .ShouldBe(["Net.model.yaml(8,6): error QD0003: 'data' is missing required field 'format': use one of quickdraw_ndjson, quickdraw_raw, quickdraw_bin, quickdraw_cache, npy, npz, csv, video_clips"]);
        Generates(Classifier + "training:\n");
    }

    [Fact]
    public void VideoClipsMustFitTheInput()
    {
        Generates(Video("[3, 8, 16, 16]") + "data:\n  format: video_clips\n  frames: 8\n  frame_size: 16\n");
        Messages(Video("[3, 8, 16, 16]") + "data:\n  format: video_clips\n  frames: 4\n  frame_size: 32\n").ShouldBe(
        [
            "Net.model.yaml(9,11): error QD0019: 'frames' is 4, but the input 'clip' [channels, frames, height, width] has 8 frames; use 'frames: 8'",
            "Net.model.yaml(10,15): error QD0019: 'frame_size' is 32, but the input 'clip' has frames of 16x16; use 'frame_size: 16'",
        ]);
        Messages(Video("[3, 8, 16, 24]") + "data:\n  format: video_clips\n  frames: 8\n  frame_size: 16\n")
            .ShouldBe(["Net.model.yaml(10,15): error QD0019: 'frame_size' is 16, but the input 'clip' has frames of 16x24; make the input's frames square"]);
        Messages(Video("[3, 8, 24, 16]") + "data:\n  format: video_clips\n  frames: 8\n  frame_size: 16\n")
            .ShouldBe(["Net.model.yaml(10,15): error QD0019: 'frame_size' is 16, but the input 'clip' has frames of 24x16; make the input's frames square"]);
        Messages(Classifier + "data:\n  format: video_clips\n  frames: 8\n  frame_size: 16\n")
            .ShouldBe(["Net.model.yaml(9,11): error QD0019: format video_clips, but the input 'x' is [time, 3], not [channels, frames, height, width]; declare a 4-axis input, e.g. [3, 8, 32, 32]"]);
    }

    [Fact]
    public void SplitsMustLeaveTrainingData()
    {
        const string Rule = "leaves nothing to train on; keep their sum below 1";
        Messages(Classifier + "data:\n  format: npy\n  splits: { validation: 0.95 }\n")
            .ShouldBe([$"Net.model.yaml(10,25): error QD0008: 'splits' has invalid value 'validation 95% + test 10%': {Rule}"], "pointed at the validation share, the one given");
        Messages(Classifier + "data:\n  format: npy\n  splits: { test: 0.9 }\n")
            .ShouldBe([$"Net.model.yaml(10,19): error QD0008: 'splits' has invalid value 'validation 10% + test 90%': {Rule}"]);
        Messages(Classifier + "data:\n  format: npy\n  splits: { validation: 0.4, test: 0.6 }\n")
            .ShouldBe([$"Net.model.yaml(10,36): error QD0008: 'splits' has invalid value 'validation 40% + test 60%': {Rule}"], "pointed at the test share when both are given");
        Generates(Classifier + "data:\n  format: npy\n  splits: { validation: 0.4, test: 0.5 }\n");
    }

    [Fact]
    public void TheFormatsTargetsMustMatchTheLoss()
    {
        Messages(Forecaster + "training:\n  loss: cross_entropy\ndata:\n  format: csv\n  window: 24\n")
            .ShouldBe(["Net.model.yaml(10,11): error QD0019: format csv gives numeric targets, but training.loss is cross_entropy; use loss mse, mae or huber"]);
        Messages(Classifier + "training:\n  loss: mse\ndata:\n  format: npy\n")
            .ShouldBe(["Net.model.yaml(11,11): error QD0019: format npy gives class labels, but training.loss is mse; use 'loss: cross_entropy'"]);
        Generates(Forecaster + "data:\n  format: csv\n  window: 24\n");
        Generates("model: Net\nkind: seq2vec\ninput: { name: x, shape: [time, 1] }\nlayers:\n  - gru: { units: 8 }\n  - dense: { units: 1 }\ntraining: { loss: mse }\ndata: { format: csv, window: 30 }\n");
    }

    [Fact]
    public void EachKindOfSettingNamesItsTypeAndWhatWasGiven()
    {
        Messages(Classifier + "training:\n  early_stopping: [1]\n")
            .ShouldBe(["Net.model.yaml(9,19): error QD0004: 'early_stopping' must be a mapping of monitor, mode, patience, min_delta, but is a list"]);
        Messages(Classifier + "training:\n  epochs: [1]\n").ShouldBe(["Net.model.yaml(9,11): error QD0004: 'epochs' must be a whole number at least 1, but is a list"]);
        Messages(Classifier + "training:\n  epochs: { a: 1 }\n").ShouldBe(["Net.model.yaml(9,11): error QD0004: 'epochs' must be a whole number at least 1, but is a mapping"]);
        Messages(Classifier + "training:\n  epochs: ''\n").ShouldBe(["Net.model.yaml(9,11): error QD0004: 'epochs' must be a whole number at least 1, but is empty"]);
        Messages(Classifier + "training:\n  epochs: \"5\"\n  learning_rate: '0.1'\n  nesterov: \"true\"\n  optimizer: sgd\n  momentum: 0.9\n").ShouldBe(
        [
            "Net.model.yaml(9,11): error QD0004: 'epochs' must be a whole number at least 1, but is '5'",
            "Net.model.yaml(10,18): error QD0004: 'learning_rate' must be a number more than 0, but is '0.1'",
            "Net.model.yaml(11,13): error QD0004: 'nesterov' must be true or false, but is 'true'",
        ], "a quoted value is text, whatever it spells");
        Messages(Classifier + "training:\n  metrics: accuracy\n  loss: [1]\n").ShouldBe(
        [
            "Net.model.yaml(9,12): error QD0004: 'metrics' must be a list of accuracy, topk_accuracy, precision, recall, f1, mae, but is 'accuracy'",
            "Net.model.yaml(10,9): error QD0004: 'loss' must be one of cross_entropy, mse, mae, huber, but is a list",
        ]);
        Messages(Classifier + "data:\n  format: quickdraw_ndjson\n  path: \"a\\tb\"\n")
            .ShouldBe(["Net.model.yaml(10,9): error QD0016: 'path': it contains U+0009 (tab), a control character or line break; remove it"]);
        Messages(Classifier + "training:\n  learning_rate: .nan\n").ShouldBe(["Net.model.yaml(9,18): error QD0004: 'learning_rate' must be a number more than 0, but is '.nan'"]);
        Messages(Classifier + "training:\n  epochs: 3000000000\n").ShouldBe(["Net.model.yaml(9,11): error QD0008: 'epochs' has invalid value '3000000000': must be at most 2147483647"]);
        Messages(Classifier + "training:\n  optimizer: qqqqqqqqq\n").ShouldBe(["Net.model.yaml(9,14): error QD0008: 'optimizer' has invalid value 'qqqqqqqqq': use adam, adamw, sgd"], "no suggestion when nothing is close");
    }

    [Fact]
    public void AnUnknownKeyWithNothingCloseListsTheValidKeys()
    {
        Messages(Classifier + "training:\n  zzzzzzzzzzzz: 1\n").ShouldBe(
            ["Net.model.yaml(9,3): error QD0002: Unknown key 'zzzzzzzzzzzz' in 'training'; valid keys: optimizer, learning_rate, weight_decay, momentum, nesterov, epochs, batch_size, warmup_epochs, schedule, min_learning_rate, step_size, gamma, loss, label_smoothing, huber_delta, class_weights, metrics, top_k, clip_grad_norm, clip_grad_value, early_stopping, checkpoint, seed, threads, device"]);
    }

    [Fact]
    public void ClassWeightsAreFiniteNonNegativeNumbers()
    {
        Messages(Classifier + "training:\n  class_weights: [1, 3.5e38, 1, 1]\n").ShouldBe(["Net.model.yaml(9,22): error QD0004: 'class_weights' must be a list of numbers, but is '3.5e38'"], "beyond float's range");
        Messages(Classifier + "training:\n  class_weights: [1, .inf, 1, 1]\n").ShouldBe(["Net.model.yaml(9,22): error QD0004: 'class_weights' must be a list of numbers, but is '.inf'"]);
        Messages(Classifier + "training:\n  class_weights: [1, '2', 1, 1]\n").ShouldBe(["Net.model.yaml(9,22): error QD0004: 'class_weights' must be a list of numbers, but is '2'"]);
        Messages(Classifier + "training:\n  class_weights: [0, -0.5, 1, 1]\n").ShouldBe(["Net.model.yaml(9,22): error QD0008: 'class_weights' has invalid value '-0.5': each weight must be at least 0"], "0 is a weight, -0.5 is not");
        Messages(Classifier + "training:\n  class_weights: []\n").ShouldBe(["Net.model.yaml(9,18): error QD0008: 'class_weights' has invalid value '[]': give one weight a class, or 'balanced'"]);
        Messages(Classifier + "training:\n  class_weights: balancd\n")
            .ShouldBe(["Net.model.yaml(9,18): error QD0008: 'class_weights' has invalid value 'balancd': use none, balanced or a list of weights (did you mean 'balanced'?)"]);

        string source = Generates(Classifier + "training:\n  class_weights: [0, 1.5, 3.4e38, 1]\n").Single(s => s.Key.EndsWith("NetTraining.g.cs")).Value;
        source.ShouldContain("ClassWeights = new float[] { 0F, 1.5F, 3.4E+38F, 1F };");
    }

    private static string Video(string shape) =>
        "model: Net\ninput: { name: clip, shape: " + shape + " }\nlayers:\n  - conv3d: { filters: 4, kernel: 3 }\n  - global_avgpool: {}\n  - dense: { units: 2 }\n";

    private static string[] Messages(string spec)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));
        string[] messages = [.. run.Messages];
        if (messages.Length > 0)
        {
            run.Sources.ShouldBeEmpty("a spec with errors generates nothing");
        }

        return messages;
    }

    private static System.Collections.Generic.IReadOnlyDictionary<string, string> Generates(string spec)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Models/Net.model.yaml", spec));
        run.Messages.ShouldBeEmpty();
        run.CompileProblems().ShouldBeEmpty();
        run.Sources.Count.ShouldBeGreaterThanOrEqualTo(3, "the module, its options and the section records");
        return run.Sources;
    }
}
