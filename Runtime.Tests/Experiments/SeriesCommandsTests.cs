using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.CommandLine.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Tests.Training;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Tests.Experiments;

/// <summary>
/// <c>data: {format: csv}</c> through the generated command line's library: a regression model (Conv1D + GRU, mse)
/// trained on a noisy two-sine series the test writes, evaluated against the naive last-value forecast, exported and
/// used to forecast a CSV file; and the one-line errors of wrong input.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class SeriesCommandsTests : IDisposable
{
    private const int Rows = 800;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-series-" + Guid.NewGuid().ToString("N"));

    public SeriesCommandsTests()
    {
        Directory.CreateDirectory(folder);
        var random = new Random(7);
        var lines = new List<string> { "day,note,value" };
        for (int t = 0; t < Rows; t++)
        {
            double value = 10 + (3 * Math.Sin(2 * Math.PI * t / 20)) + Math.Sin(2 * Math.PI * t / 57) + (0.2 * ((random.NextDouble() * 2) - 1));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t},\"a, b\",{value:R}"));
            if (t == 100)
            {
                lines.Add("100.5,broken,n/a");
            }
        }

        File.WriteAllLines(Series, lines);
    }

    private string Series => Path.Combine(folder, "series.csv");

    private string Output => Path.Combine(folder, "run");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ARegressionModelTrainsEvaluatesExportsAndForecastsACsvSeries()
    {
        CommandResult train = Run("train", "--data", Series, "--output", Output);
        train.Code.ShouldBe(0, train.Error);
        train.Out.ShouldContain("ExperimentSeries: trained 12 epochs on");
        train.Out.ShouldContain("1 bad", Case.Insensitive);
        File.ReadAllText(Path.Combine(Output, "data-report.txt")).ShouldContain("'value' is 'n/a', not a number");
        TrainSettings recorded = TrainSettings.Load(Path.Combine(Output, RunFiles.TrainSettings)).ShouldNotBeNull();
        recorded.Settings["data.splits.test"].ShouldNotBeNull();
        recorded.Settings.ContainsKey("data.splits.by").ShouldBeFalse("a series splits in time order; splits.by applies to QuickDraw files only");
        string[] csv = File.ReadAllLines(Path.Combine(Output, "metrics.csv"));
        int column = csv[0].Split(',').ToList().IndexOf(MetricNames.TrainLoss);
        double first = double.Parse(csv[1].Split(',')[column], CultureInfo.InvariantCulture);
        double last = double.Parse(csv[^1].Split(',')[column], CultureInfo.InvariantCulture);
        last.ShouldBeLessThan(first * 0.5, "the training loss falls by half or more over 12 epochs");
        ModelWeights.ReadInfo(Path.Combine(Output, RunFiles.Weights)).Labels.ShouldBeEmpty();

        CommandResult evaluate = Run("evaluate", "--data", Series, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        Dictionary<string, double> metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(Output, RunFiles.Evaluation)))!;
        metrics.Keys.Order().ShouldBe(["test_loss", "test_mae", "test_mae_units", "test_naive_mae", "test_naive_mae_units", "test_rmse", "test_rmse_units"]);
        metrics["test_rmse"].ShouldBe(Math.Sqrt(metrics["test_loss"]), 1e-3, "mse loss is the squared rmse");
        metrics["test_mae"].ShouldBeLessThan(0.6 * metrics["test_naive_mae"], "the model beats repeating the last value by 40 % or more");
        double scale = Preprocessing.Load(Path.Combine(Output, RunFiles.Preprocessing)).Scale!.Value;
        scale.ShouldBeGreaterThan(1.5, "a standardised series whose spread is not 1, so units and scaled values differ");
        metrics["test_mae_units"].ShouldBe(metrics["test_mae"] * scale, metrics["test_mae"] * scale * 1e-4, "in the series' units: the scaled MAE times the fitted scale");
        metrics["test_rmse_units"].ShouldBe(metrics["test_rmse"] * scale, metrics["test_rmse"] * scale * 1e-6);
        metrics["test_naive_mae_units"].ShouldBe(metrics["test_naive_mae"] * scale, metrics["test_naive_mae"] * scale * 1e-6);

        CommandResult export = Run("export", "--output", Output);
        export.Code.ShouldBe(0, export.Error);

        string input = Path.Combine(folder, "recent.csv");
        File.WriteAllLines(input, File.ReadLines(Series).Take(1).Concat(File.ReadLines(Series).Skip(Rows - 40)));
        CommandResult predict = Run("predict", "--output", Output, "--input", input);
        predict.Code.ShouldBe(0, predict.Error);
        double[] printed = [.. predict.OutLines.Select(l => l.Split('\t')).Select(c => double.Parse(c[1], CultureInfo.InvariantCulture))];
        predict.OutLines.Select(l => l.Split('\t')[0]).ShouldBe(["1", "2", "3"]);

        // The module's own output on the input's last 24 values, scaled and de-scaled with preprocessing.json.
        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(Output, RunFiles.Preprocessing));
        preprocessing.Column.ShouldBe("value");
        double[] tail = [.. File.ReadLines(input).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).TakeLast(24)];
        float[] scaled = [.. tail.Select(v => (float)((v - preprocessing.Shift!.Value) / preprocessing.Scale!.Value))];
        using var module = new ExperimentSeries();
        ModelWeights.Load(module, Path.Combine(Output, RunFiles.Weights));
        module.eval();
        float[] output;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            output = module.call(torch.tensor(scaled, [1, 24, 1])).data<float>().ToArray();
        }

        double[] expected = [.. output.Select(o => (o * preprocessing.Scale!.Value) + preprocessing.Shift!.Value)];
        printed.Length.ShouldBe(3);
        for (int i = 0; i < 3; i++)
        {
            printed[i].ShouldBe(expected[i], 1e-5);
        }

        // The exported graph forecasts the same values within 1e-4 (scaled units).
        using var onnx = new OnnxPredictor(Path.Combine(Output, RunFiles.Onnx));
        float[] exported = onnx.Predict(scaled, [1, 24, 1]).Data;
        for (int i = 0; i < 3; i++)
        {
            exported[i].ShouldBe(output[i], 1e-4f);
        }

        // The forecast follows the series: within 1.0 of the noiseless next values (the series spans about ±4 around 10).
        for (int i = 0; i < 3; i++)
        {
            int t = Rows + i;
            double truth = 10 + (3 * Math.Sin(2 * Math.PI * t / 20)) + Math.Sin(2 * Math.PI * t / 57);
            printed[i].ShouldBe(truth, 1.0);
        }
    }

    [Fact]
    public void AnAlignedSeq2SeqModelTrainsOnEveryStepAndForecastsFromItsLastStep()
    {
        ExperimentModel aligned = new("ExperimentSeriesAligned", () => new ExperimentSeriesAligned(), new ExperimentSeriesAlignedTraining(), new ExperimentSeriesAlignedData(), (m, p) => ((ExperimentSeriesAligned)m).ExportOnnx(p));
        CommandResult train = Run([aligned], "train", "--data", Series, "--output", Output);
        train.Code.ShouldBe(0, train.Error);
        string[] csv = File.ReadAllLines(Path.Combine(Output, "metrics.csv"));
        int column = csv[0].Split(',').ToList().IndexOf(MetricNames.TrainLoss);
        double.Parse(csv[^1].Split(',')[column], CultureInfo.InvariantCulture).ShouldBeLessThan(0.5 * double.Parse(csv[1].Split(',')[column], CultureInfo.InvariantCulture));

        CommandResult evaluate = Run([aligned], "evaluate", "--data", Series, "--output", Output);
        evaluate.Code.ShouldBe(0, evaluate.Error);
        Dictionary<string, double> metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(Output, RunFiles.Evaluation)))!;
        metrics.Keys.Order().ShouldBe(["test_forecast_mae", "test_loss", "test_mae", "test_mae_units", "test_naive_mae", "test_naive_mae_units", "test_rmse", "test_rmse_units"]);
        metrics["test_mae_units"].ShouldBeGreaterThan(metrics["test_forecast_mae"], "the aligned model's MAE in units is its forecast's, times a scale above 1");
        metrics["test_forecast_mae"].ShouldBeLessThan(0.6 * metrics["test_naive_mae"], "the last step's forecast beats repeating the last value by 40 %");

        string input = Path.Combine(folder, "recent.csv");
        File.WriteAllLines(input, File.ReadLines(Series).Take(1).Concat(File.ReadLines(Series).Skip(Rows - 40)));
        CommandResult predict = Run([aligned], "predict", "--output", Output, "--input", input);
        predict.Code.ShouldBe(0, predict.Error);
        double[] printed = [.. predict.OutLines.Select(l => double.Parse(l.Split('\t')[1], CultureInfo.InvariantCulture))];
        printed.Length.ShouldBe(3, "the horizon, not window × horizon");

        // predict prints the module's last step, de-scaled.
        Preprocessing preprocessing = Preprocessing.Load(Path.Combine(Output, RunFiles.Preprocessing));
        double[] tail = [.. File.ReadLines(input).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).TakeLast(24)];
        float[] scaled = [.. tail.Select(v => (float)((v - preprocessing.Shift!.Value) / preprocessing.Scale!.Value))];
        using var module = new ExperimentSeriesAligned();
        ModelWeights.Load(module, Path.Combine(Output, RunFiles.Weights));
        module.eval();
        float[] last;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            torch.Tensor output = module.call(torch.tensor(scaled, [1, 24, 1]));
            output.shape.ShouldBe([1L, 24L, 3L]);
            last = output[0, -1].data<float>().ToArray();
        }

        for (int i = 0; i < 3; i++)
        {
            printed[i].ShouldBe((last[i] * preprocessing.Scale!.Value) + preprocessing.Shift!.Value, 1e-5);
            int t = Rows + i;
            printed[i].ShouldBe(10 + (3 * Math.Sin(2 * Math.PI * t / 20)) + Math.Sin(2 * Math.PI * t / 57), 1.0, "the forecast follows the noiseless series");
        }

        // A [time, 2] output does not fit horizon 3: one line naming both layouts.
        CommandResult wrong = Run([aligned with { Data = new ExperimentSeriesAlignedData() with { Horizon = 2 } }], "train", "--data", Series, "--output", Path.Combine(folder, "other"));
        wrong.Code.ShouldBe(2);
        wrong.Error.ShouldContain("returns [24, 3], but data.horizon 2 needs [2] (the next values after the window) or [24, 2] (after every step)");
    }

    [Fact]
    public void WrongCsvInputIsOneLineAndNothingIsWritten()
    {
        string folderData = Path.Combine(folder, "a-folder");
        Directory.CreateDirectory(folderData);
        string otherColumns = Path.Combine(folder, "other.csv");
        File.WriteAllLines(otherColumns, ["day,rides", "1,5", "2,6"]);

        Expect(Run("train", "--data", Path.Combine(folder, "none.csv"), "--output", Output), "--data " + Path.Combine(folder, "none.csv") + ": no such file; give a .csv file");
        Expect(Run("train", "--data", folderData, "--output", Output), "is a folder; give a .csv file");
        Expect(Run("train", "--data", otherColumns, "--output", Output), "has no column 'value'; its columns are day, rides; set data.column to one of them");
        string headless = Path.Combine(folder, "tail.csv");
        File.WriteAllLines(headless, ["2021-10-22,446072", "2021-10-23,328904"]);
        Expect(Run("train", "--data", headless, "--output", Output), "has no header row: its first line holds values (2021-10-22, 446072), not column names; put the header line (with 'value') first");
        Expect(Run([Model() with { Data = new ExperimentSeriesData() with { Horizon = 2 } }], "train", "--data", Series, "--output", Output),
            "model ExperimentSeries returns [3], but data.horizon 2 needs [2] (the next values after the window) or [24, 2] (after every step); end ExperimentSeries.model.yaml in a 'dense: { units: 2 }'");
        Expect(Run([Model() with { Data = new ExperimentSeriesData() with { Window = 12 } }], "train", "--data", Series, "--output", Output),
            "model ExperimentSeries takes series [24, 1] (float32), but data.window 12 of one CSV column is [12, 1]; declare 'input: { shape: [12, 1] }'");
        Expect(Run([Model() with { Training = new ExperimentSeriesTraining() with { Loss = LossKind.CrossEntropy, Metrics = [] } }], "train", "--data", Series, "--output", Output),
            "data.format csv holds values to forecast, but training.loss is cross_entropy; use 'loss: mse', 'mae' or 'huber'");
        CommandResult strict = Run("train", "--data", Series, "--output", Output, "--max-bad-fraction", "0");
        strict.Code.ShouldBe(2);
        strict.ErrorLines[^1].ShouldContain("1 of 801 records (0.1 %) are bad, more than the 0.0 % allowed (WrongType 1); fix the data, or pass --max-bad-fraction 0.01");
        strict.ErrorLines[..^1].ShouldAllBe(l => l.StartsWith("experiment: ", StringComparison.Ordinal), "the read summary comes first");
        Directory.Exists(Output).ShouldBeTrue("a refused read happens after the run folder is made, but nothing else is in it");
        Directory.GetFiles(Output).Select(Path.GetFileName).ShouldBe(["data-report.txt"]);
        Directory.Delete(Output, recursive: true);

        Expect(Run("predict", "--output", Output, "--input", Series, "--top", "2"), "--top applies to classifiers; ExperimentSeries forecasts values");
        Directory.Exists(Output).ShouldBeFalse("nothing is written before the input is checked");
    }

    private static void Expect(CommandResult result, string expected)
    {
        result.Code.ShouldBe(2, result.Out + result.Error);
        result.ErrorLines.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive);
        result.Error.ShouldNotContain("   at ");
    }

    private static ExperimentModel Model() =>
        new("ExperimentSeries", () => new ExperimentSeries(), new ExperimentSeriesTraining(), new ExperimentSeriesData(), (m, p) => ((ExperimentSeries)m).ExportOnnx(p));

    private static CommandResult Run(params string[] args) => Run([Model()], args);

    private static CommandResult Run(IReadOnlyList<ExperimentModel> models, params string[] args) => CommandRun.Run(models, args);
}
