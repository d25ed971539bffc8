using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Examples.Forecasting.Reporting;
using QuickDrawDsl.Examples.Forecasting.Training;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Commands;

/// <summary><c>forecast compare</c>: baselines and every forecaster on the fixed date split, with the results table and plots.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"The CTA ridership CSV or its folder (default: ${DataLocator.EnvironmentVariable}, ./data/ridership, ../shared/data/ridership)" };
        var target = new Option<ForecastTarget>("--target") { Description = "The series to forecast: rail or bus", DefaultValueFactory = _ => ForecastTarget.Rail };
        var multivariate = new Option<bool>("--multivariate") { Description = "Inputs: bus and rail plus day-type flags (Saturday, Sunday or holiday) of the day a week ahead, instead of the target alone" };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per model (default: the specs' training.epochs); the epoch with the lowest validation MAE is kept", DefaultValueFactory = _ => ModelCatalog.Training.Epochs }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Seed of the weight initialisation and shuffling (default: the specs' training.seed)", DefaultValueFactory = _ => checked((int)ModelCatalog.Training.Seed) };
        var output = new Option<string>("--out") { Description = "Run folder (results.md, forecast_validation.png, forecast_test.png, validation_mae.png, epochs.csv)", DefaultValueFactory = _ => Path.Combine("runs", "forecasting") }.NotBlank();
        var models = new Option<string?>("--models") { Description = "Comma-separated subset of: " + string.Join(", ", ModelCatalog.All.Select(m => m.Key)) + " (default: all)" }.CommaSeparated(ModelCatalog.All[0].Key);
        var window = new Option<int>("--window") { Description = "Input window in days", DefaultValueFactory = _ => 56 }.AtLeast(ForecastData.Horizon);
        var batch = new Option<int>("--batch-size") { Description = "Training batch size (default: the specs' training.batch_size)", DefaultValueFactory = _ => ModelCatalog.Training.BatchSize }.AtLeast(1);
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate (default: the specs' training.learning_rate)", DefaultValueFactory = _ => ModelCatalog.Training.LearningRate }.Positive();
        var teacherForcing = new Option<bool>("--teacher-forcing") { Description = "Train the encoder–decoder with teacher forcing (default: free-running, as it forecasts)" };
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force("the results already in --out");

        var command = new Command("compare", "Naive seasonal baselines against every forecaster of Models/*.model.yaml (seq2vec, aligned seq2seq, encoder–decoder, Conv1D, WaveNet), trained on 2016–2018 and scored on 2019: results.md and plots")
        {
            data, target, multivariate, epochs, seed, output, models, window, batch, learningRate, teacherForcing, threads, force,
        };
        command.SetAction(parse =>
        {
            int e = parse.GetValue(epochs);
            string folder = parse.GetValue(output)!;
            OutputLocation.EnsureWritableFolder(folder, "--out");
            bool replace = OutputRule.Decide(folder, resume: false, parse.GetValue(force)) == RunStart.Restart;
            string? modelList = parse.GetValue(models);
            var settings = new ForecastSettings(
                DataLocator.Find(parse.GetValue(data)),
                parse.GetValue(target),
                parse.GetValue(multivariate),
                e,
                parse.GetValue(seed),
                parse.GetValue(window),
                parse.GetValue(batch),
                parse.GetValue(learningRate),
                parse.GetValue(teacherForcing),
                modelList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(output)!);
            ModelCatalog.Select(settings.Models);
            TorchNative.EnsureLoaded();
            torch.set_num_threads(parse.GetValue(threads));
            if (replace)
            {
                OutputRule.Clear(folder);
            }

            ForecastReport report = ForecastRun.Execute(settings, Console.Out);
            Console.WriteLine();
            Console.WriteLine(report.Markdown);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {report.TableFile}, {report.ValidationPlotFile}, {report.TestPlotFile}, {report.CurvesFile}, {report.HistoryFile} in {report.Seconds:0} s."));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The files a run writes to --out: replaced only with --force.</summary>
    public static RunFolderRule OutputRule { get; } = new("--out", ["results.md", "forecast_validation.png", "forecast_test.png", "validation_mae.png", "epochs.csv"], CanResume: false);
}
