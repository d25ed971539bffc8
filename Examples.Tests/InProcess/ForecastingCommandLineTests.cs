using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.Examples.Forecasting.Models;
using QuickDrawDsl.Examples.Forecasting.Training;
using QuickDrawDsl.Examples.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// <c>forecast</c> as a user runs it: <c>prepare</c> the CTA series, then the generated
/// <c>train → evaluate → export → predict</c> of <c>Seq2VecForecaster</c> on its <c>data:</c> section, with the split,
/// the falling loss, the naive baseline beaten, ONNX parity with predict, a corrupt row counted and nothing overwritten;
/// and the aligned WaveNet, trained on every step and forecasting from its last.
/// </summary>
public sealed class ForecastingCommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qd-forecast-cli-").FullName;

    private static string Cta => Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void PrepareThenTrainEvaluateExportPredictTheSeq2VecForecaster()
    {
        ProgramRun prepare = Run("prepare", "--data", Cta);
        prepare.ExitCode.ShouldBe(0, prepare.ToString());
        string[] series = File.ReadAllLines(Path.Combine(folder, "data", "cta-ridership.csv"));
        series.Length.ShouldBe(1 + 1461, "one row a day, 2016-01-01..2019-12-31");
        series[1].ShouldBe("2016-01-01,303321,319835,623156");
        series[^1].ShouldStartWith("2019-12-31,");
        Run("prepare", "--data", Cta).ExitCode.ShouldBe(2, "the series is not replaced without --force");

        ProgramRun train = Run("train", "--model", "Seq2VecForecaster", "--epochs", "3", "--threads", "1");
        train.ExitCode.ShouldBe(0, train.ToString());

        // 1,096 training days (2016-2018) hold 1,096 - 56 - 7 + 1 windows: the spec's splits are the comparison's dates.
        train.Stdout.ShouldContain("trained 3 epochs on 1034 windows", Case.Sensitive, train.ToString());
        string run = Path.Combine(folder, "runs", "Seq2VecForecaster");
        double[] losses = [.. File.ReadAllLines(Path.Combine(run, "metrics.csv")).Skip(1).Select(l => Column(l, "train_loss", run))];
        losses.Length.ShouldBe(3);
        losses[^1].ShouldBeLessThan(losses[0] * 0.9, "the training MAE falls by at least 10 % in 3 epochs");

        ProgramRun again = Run("train", "--model", "Seq2VecForecaster", "--epochs", "1");
        again.ExitCode.ShouldBe(2, again.ToString());
        again.ErrorLines.ShouldHaveSingleItem().ShouldContain("--force");

        ProgramRun evaluate = Run("evaluate", "--model", "Seq2VecForecaster");
        evaluate.ExitCode.ShouldBe(0, evaluate.ToString());
        evaluate.Stdout.ShouldContain("208 test windows", Case.Sensitive, "214 test days (2019-06..12) less 6");
        Dictionary<string, double> metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(run, "evaluation.json")))!;
        metrics["test_mae"].ShouldBeLessThan(metrics["test_naive_mae"] * 0.8, "three epochs beat repeating the last day by 20 %");

        Run("export", "--model", "Seq2VecForecaster").ExitCode.ShouldBe(0);
        string recent = Path.Combine(folder, "recent.csv");
        File.WriteAllLines(recent, [series[0], .. series[^56..]]);
        ProgramRun predict = Run("predict", "--model", "Seq2VecForecaster", "--input", recent);
        predict.ExitCode.ShouldBe(0, predict.ToString());
        double[] forecast = [.. predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l.Split('\t')[1], CultureInfo.InvariantCulture))];
        forecast.Length.ShouldBe(7);
        forecast.ShouldAllBe(v => v > 100_000 && v < 1_500_000, "daily rail boardings, in riders");

        // The exported graph, fed the same window scaled by preprocessing.json, gives predict's numbers.
        using JsonDocument pre = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "preprocessing.json")));
        double shift = pre.RootElement.GetProperty("shift").GetDouble();
        double scale = pre.RootElement.GetProperty("scale").GetDouble();
        float[] window = [.. series[^56..].Select(l => (float)((double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture) - shift) / scale))];
        using var onnx = new OnnxPredictor(Path.Combine(run, "model.onnx"));
        float[] exported = onnx.Predict(window, [1, 56, 1]).Data;
        for (int step = 0; step < 7; step++)
        {
            ((exported[step] * scale) + shift).ShouldBe(forecast[step], 1.0, $"step {step + 1}, riders");
        }
    }

    [Fact]
    public void ACorruptRowIsCountedAndKeptOut_AndAModelWithoutADataSectionIsOneLine()
    {
        string data = Path.Combine(folder, "rides.csv");
        Run("prepare", "--data", Cta, "--output", data).ExitCode.ShouldBe(0);
        List<string> lines = [.. File.ReadAllLines(data)];
        lines[500] = "2017-05-14,412000,,880000";
        File.WriteAllLines(data, lines);

        ProgramRun train = Run("train", "--model", "ConvSeq2VecForecaster", "--data", data, "--epochs", "1", "--threads", "1");
        train.ExitCode.ShouldBe(0, train.ToString());
        train.Stdout.ShouldContain("data: 1461 records read: 1460 accepted, 1 bad", Case.Sensitive, train.ToString());
        File.ReadAllText(Path.Combine(folder, "runs", "ConvSeq2VecForecaster", "data-report.txt")).ShouldContain("rides.csv");

        ProgramRun bare = Run("train", "--model", "WaveNetForecasterMultivariate", "--data", data);
        bare.ExitCode.ShouldBe(2, bare.ToString());
        bare.ErrorLines.ShouldHaveSingleItem().ShouldStartWith("forecast: model WaveNetForecasterMultivariate has no data: section");
    }

    [Fact]
    public void TheWaveNetTrainsOnEveryStepAndForecastsFromItsLastStep()
    {
        Run("prepare", "--data", Cta).ExitCode.ShouldBe(0);
        ProgramRun train = Run("train", "--model", "WaveNetForecaster", "--epochs", "2", "--threads", "1");
        train.ExitCode.ShouldBe(0, train.ToString());
        train.Stdout.ShouldContain("trained 2 epochs on 1034 windows", Case.Sensitive, train.ToString());

        ProgramRun evaluate = Run("evaluate", "--model", "WaveNetForecaster");
        evaluate.ExitCode.ShouldBe(0, evaluate.ToString());
        Dictionary<string, double> metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(folder, "runs", "WaveNetForecaster", "evaluation.json")))!;
        metrics["test_forecast_mae"].ShouldBeLessThan(metrics["test_naive_mae"] * 0.8, "the last step's 7-day forecast beats repeating the last day");

        string recent = Path.Combine(folder, "recent.csv");
        string[] series = File.ReadAllLines(Path.Combine(folder, "data", "cta-ridership.csv"));
        File.WriteAllLines(recent, [series[0], .. series[^60..]]);
        ProgramRun predict = Run("predict", "--model", "WaveNetForecaster", "--input", recent);
        predict.ExitCode.ShouldBe(0, predict.ToString());
        predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]).ShouldBe(["1", "2", "3", "4", "5", "6", "7"], "7 days, not 56 x 7");
    }

    [Fact]
    public void EveryForecasterDeclaresTheSameTrainingSection_WhichCompareUses()
    {
        // compare trains every model with one set of options whose defaults are this section: the specs must agree.
        TrainingSection[] sections = [.. ModelCatalog.All.SelectMany(m => new[] { m.Training(false), m.Training(true) })];
        sections.Length.ShouldBe(10);
        sections.ShouldAllBe(s => s.Epochs == 100 && s.BatchSize == 32 && s.LearningRate == 3e-3 && s.Seed == 1 && s.Loss == LossKind.Mae && s.Optimizer == OptimizerKind.Adam && s.ClipGradientNorm == 1.0);
        new Seq2VecForecasterData().Window.ShouldBe(56);
        new ConvSeq2VecForecasterData().Window.ShouldBe(56);
    }

    private ProgramRun Run(params string[] args) => ExamplePrograms.Run("forecast", args, folder, timeout: TimeSpan.FromMinutes(3));

    private static double Column(string line, string name, string run)
    {
        string[] header = File.ReadLines(Path.Combine(run, "metrics.csv")).First().Split(',');
        return double.Parse(line.Split(',')[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
    }
}
