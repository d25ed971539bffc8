using System.Collections.Generic;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Examples.Forecasting.Training;

namespace QuickDrawDsl.Examples.Forecasting.Reporting;

/// <summary>Everything one run measured and wrote.</summary>
/// <param name="Settings">What was run.</param>
/// <param name="NaiveValidation">Naive seasonal (value 7 days earlier) on the validation days.</param>
/// <param name="NaiveTest">Naive seasonal on the test days.</param>
/// <param name="MeanValidation">Mean of the last 4 same weekdays on the validation days.</param>
/// <param name="MeanTest">Mean of the last 4 same weekdays on the test days.</param>
/// <param name="Models">Each trained model, in catalog order.</param>
/// <param name="Markdown">The results tables as markdown (also in <see cref="TableFile"/>).</param>
/// <param name="TableFile">results.md.</param>
/// <param name="ValidationPlotFile">forecast_validation.png: the best model's forecasts against the actual series, validation range.</param>
/// <param name="TestPlotFile">forecast_test.png: the same over the test range.</param>
/// <param name="CurvesFile">validation_mae.png: validation MAE per epoch of every model.</param>
/// <param name="HistoryFile">epochs.csv: every model's epochs.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
internal sealed record ForecastReport(
    ForecastSettings Settings,
    HorizonErrors NaiveValidation,
    HorizonErrors NaiveTest,
    HorizonErrors MeanValidation,
    HorizonErrors MeanTest,
    IReadOnlyList<ModelResult> Models,
    string Markdown,
    string TableFile,
    string ValidationPlotFile,
    string TestPlotFile,
    string CurvesFile,
    string HistoryFile,
    double Seconds);
