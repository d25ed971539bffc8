using System.Collections.Generic;

namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>What one run of the example does.</summary>
/// <param name="DataFile">The CTA ridership CSV.</param>
/// <param name="Target">The series forecast.</param>
/// <param name="Multivariate">Whether the inputs are both bus and rail plus the day-type flags of the day a week ahead (otherwise the target alone).</param>
/// <param name="Epochs">Training epochs per model; the epoch with the lowest validation MAE is kept.</param>
/// <param name="Seed">Seed of the weight initialisation and the batch shuffling.</param>
/// <param name="Window">Input window length in days.</param>
/// <param name="BatchSize">Training batch size.</param>
/// <param name="LearningRate">Learning rate of the optimizer the specs' training: section declares.</param>
/// <param name="TeacherForcing">Train the encoder–decoder with teacher forcing (otherwise free-running, as it forecasts).</param>
/// <param name="Models">Catalog keys of the models to train (null: all).</param>
/// <param name="OutputFolder">Where the table, plots and per-epoch log go.</param>
internal sealed record ForecastSettings(
    string DataFile,
    ForecastTarget Target,
    bool Multivariate,
    int Epochs,
    int Seed,
    int Window,
    int BatchSize,
    double LearningRate,
    bool TeacherForcing,
    IReadOnlyList<string>? Models,
    string OutputFolder);
