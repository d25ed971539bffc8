using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Examples.Forecasting.Reporting;
using QuickDrawDsl.Examples.Forecasting.Training;

namespace QuickDrawDsl.Examples.Forecasting.Commands;

/// <summary>The whole example: load, baselines, train every model, score on validation and test, write table and plots.</summary>
internal static class ForecastRun
{
    public static ForecastReport Execute(ForecastSettings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ForecastModelSpec> specs = ModelCatalog.Select(settings.Models);
        ForecastData data = ForecastData.Load(settings.DataFile, settings.Target, settings.Multivariate, settings.Window);
        log.WriteLine(Invariant($"Loaded {settings.DataFile}: {data.Source.RawRowCount:N0} rows, {data.Source.DuplicateRowsDropped} exact duplicates dropped, {data.Table.RowCount:N0} days ({data.Table.Dates[0]:yyyy-MM-dd}..{data.Table.Dates[^1]:yyyy-MM-dd})."));
        log.WriteLine(Invariant($"Target {data.TargetColumn}; inputs {string.Join(", ", data.FeatureNames)}; window {data.Window} days; train {ForecastData.TrainRange}, validation {ForecastData.ValidationRange}, test {ForecastData.TestRange}."));

        EvaluationWindows validation = data.EvaluationWindowsFor(ForecastData.ValidationRange);
        EvaluationWindows test = data.EvaluationWindowsFor(ForecastData.TestRange);
        double[,] naiveValidation = SeasonalBaselines.NaiveSeasonal(validation);
        double[,] naiveTest = SeasonalBaselines.NaiveSeasonal(test);
        HorizonErrors naiveValidationErrors = HorizonErrors.Score(validation, naiveValidation);
        HorizonErrors naiveTestErrors = HorizonErrors.Score(test, naiveTest);
        HorizonErrors meanValidation = HorizonErrors.Score(validation, SeasonalBaselines.MeanOfSameWeekdays(validation, 4));
        HorizonErrors meanTest = HorizonErrors.Score(test, SeasonalBaselines.MeanOfSameWeekdays(test, 4));
        log.WriteLine(Invariant($"Baselines, validation MAE: naive seasonal {naiveValidationErrors.Mean:N0}, mean of the last 4 same weekdays {meanValidation.Mean:N0}."));

        var results = new List<ModelResult>();
        foreach (ForecastModelSpec spec in specs)
        {
            log.WriteLine($"Training {spec.Label} ({spec.Key})");
            ModelResult result = ForecastModelTrainer.Train(spec, data, validation, test, settings, log);
            log.WriteLine(Invariant($"  best epoch {result.BestEpoch}: validation MAE {result.Validation.Mean:N0}, test MAE {result.Test.Mean:N0} ({result.Seconds:0.0} s)"));
            results.Add(result);
        }

        Directory.CreateDirectory(settings.OutputFolder);
        string markdown = ResultsTable.Markdown(settings, data.FeatureNames, naiveValidationErrors, naiveTestErrors, meanValidation, meanTest, results);
        string tableFile = Path.Combine(settings.OutputFolder, "results.md");
        File.WriteAllText(tableFile, markdown);
        ModelResult best = results.MinBy(r => r.Validation.Mean)!;
        string validationPlot = Path.Combine(settings.OutputFolder, "forecast_validation.png");
        string testPlot = Path.Combine(settings.OutputFolder, "forecast_test.png");
        ForecastPlots.SaveForecast(validationPlot, Title(data, best, "validation", validation), validation, best, best.ValidationForecasts, naiveValidation);
        ForecastPlots.SaveForecast(testPlot, Title(data, best, "test", test), test, best, best.TestForecasts, naiveTest);
        string curvesFile = Path.Combine(settings.OutputFolder, "validation_mae.png");
        ForecastPlots.SaveValidationCurves(curvesFile, results, naiveValidationErrors.Mean);
        string historyFile = Path.Combine(settings.OutputFolder, "epochs.csv");
        File.WriteAllText(historyFile, HistoryCsv(results));

        return new ForecastReport(settings, naiveValidationErrors, naiveTestErrors, meanValidation, meanTest, results, markdown, tableFile, validationPlot, testPlot, curvesFile, historyFile, clock.Elapsed.TotalSeconds);
    }

    private static string Title(ForecastData data, ModelResult best, string part, EvaluationWindows windows) =>
        Invariant($"CTA daily {data.TargetColumn} boardings, {part} {windows.Range}: {best.Spec.Label} (best on validation) against the actual series");

    private static string HistoryCsv(IReadOnlyList<ModelResult> results)
    {
        var csv = new StringBuilder("model,epoch,train_loss,validation_mae\n");
        foreach (ModelResult m in results)
        {
            foreach (EpochRecord r in m.History)
            {
                csv.Append(Invariant($"{m.Spec.Key},{r.Epoch},{r.TrainLoss:R},{r.ValidationMae:0.###}\n"));
            }
        }

        return csv.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
