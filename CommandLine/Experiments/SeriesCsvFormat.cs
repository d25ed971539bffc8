using System;
using System.Globalization;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Data.TimeSeries;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// <c>csv</c>: one column of a CSV file as a time series (<see cref="SeriesCsvReader"/>), forecast <c>horizon</c>
/// steps ahead from <c>window</c> steps by a regression model (<see cref="SeriesData"/>). The model takes
/// <c>[window, 1]</c> and returns <c>[horizon]</c>, or <c>[window, horizon]</c> (aligned seq2seq: the next
/// <c>horizon</c> values after every step, trained on every step; its last step is the forecast).
/// <c>predict --input</c> takes a CSV file with the same column and prints the next <c>horizon</c> values after its
/// last window, in the series' own units: one line a step, its number and the value.
/// </summary>
internal sealed class SeriesCsvFormat : ExperimentFormat
{
    /// <inheritdoc />
    public override TrainingTask Task => TrainingTask.Regression;

    /// <inheritdoc />
    public override string Examples => "windows";

    /// <inheritdoc />
    public override string DataDescription => "a .csv file with a header row and one row a time step";

    /// <inheritdoc />
    public override string InputDescription => "a .csv file with the trained column and at least one window of rows";

    /// <inheritdoc />
    public override void CheckPath(string path, DataSection data, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!File.Exists(path))
        {
            throw new UserError(Directory.Exists(path)
                ? $"--data {path} is a folder; give {DataDescription} (data.format is csv)"
                : $"--data {path}: no such file; give {DataDescription} (or set data.path in the spec)");
        }

        // The header and first row name the column; reading them now refuses a wrong file before --force deletes a run.
        string head;
        try
        {
            head = string.Join('\n', File.ReadLines(path).Take(2));
        }
        catch (IOException ex)
        {
            throw new UserError($"--data {path} cannot be read ({ex.Message}); check the file", ex);
        }

        using var reader = new StringReader(head);
        Read(() => SeriesCsvReader.Read(reader, Path.GetFileName(path), data.Column), path, "--data");
    }

    /// <inheritdoc />
    public override void CheckModel(ModelInfo info, DataSection data)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(data);
        string spec = Path.GetFileName(info.SourceFile);
        string window = data.Window?.ToString(CultureInfo.InvariantCulture) ?? "time";
        string horizon = (data.Horizon ?? 1).ToString(CultureInfo.InvariantCulture);
        bool inputFits = info.InputShape.Count == 2 && info.InputShape[1] == "1" && info.InputDType == "float32"
            && (DrawingData.FixedLength(info) is null || info.InputShape[0] == window);
        if (!inputFits)
        {
            throw new UserError($"model {info.Name} takes {info.InputName} [{string.Join(", ", info.InputShape)}] ({info.InputDType}), but data.window {window} of one CSV column is [{window}, 1]; declare 'input: {{ shape: [{window}, 1] }}' in {spec}");
        }

        bool aligned = info.OutputShape.Count == 2 && info.OutputShape[0] == info.InputShape[0];
        if ((info.OutputShape.Count != 1 && !aligned) || info.OutputShape[^1] != horizon)
        {
            throw new UserError($"model {info.Name} returns [{string.Join(", ", info.OutputShape)}], but data.horizon {horizon} needs [{horizon}] (the next values after the window) or [{info.InputShape[0]}, {horizon}] (after every step); end {spec} in a 'dense: {{ units: {horizon} }}' (or change data.horizon)");
        }
    }

    /// <summary>How a model's output lays out the forecast: <c>[horizon]</c> after the window, or <c>[time, horizon]</c> after every step.</summary>
    /// <param name="info">The model.</param>
    /// <returns>The window layout its targets need.</returns>
    internal static WindowLayout Layout(ModelInfo info) =>
        info.OutputShape.Count == 2 ? WindowLayout.SequenceToSequence : WindowLayout.SequenceToVector;

    /// <inheritdoc />
    public override IExperimentData Load(DataSection data, string path, ModelInfo info, long seed, Preprocessing? trained, Action<BadRecord>? onBadRecord)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(info);
        SeriesCsv series = Read(path, "--data", trained?.Column ?? data.Column, onBadRecord);
        return SeriesData.Create(series, data, trained, Layout(info));
    }

    /// <inheritdoc />
    public override int Predict(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Preprocessing preprocessing = request.Preprocessing;
        if (preprocessing.Column is null || preprocessing.Window is not { } window || preprocessing.Horizon is not { } horizon || preprocessing.Shift is not { } shift || preprocessing.Scale is not { } scale)
        {
            throw new UserError($"the run's {RunFiles.Preprocessing} was not written by a csv run (it has no column, window or scale); train the model again with --force");
        }

        SeriesCsv series = Read(request.File, "--input", preprocessing.Column, onBadRecord: null);
        if (series.Report.BadRecords > 0)
        {
            Console.Error.WriteLine($"{request.Program}: {series.Report.BadRecords} row(s) of {request.File} have no number in '{series.Column}' and were skipped: {DataReport.Counts(series.Report)}");
        }

        if (series.Values.Count < window)
        {
            throw new UserError($"--input {request.File} has {series.Values.Count} usable rows of '{series.Column}', fewer than the window of {window}; give at least {window} rows");
        }

        float[] last = [.. series.Values.Skip(series.Values.Count - window).Select(v => (float)((v - shift) / scale))];
        float[] forecast;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            torch.Tensor output = request.Module.call(torch.tensor(last, [1, window, 1]));

            // An aligned model forecasts after every step; the forecast after the window is its last step's.
            forecast = (output.dim() == 3 ? output[0, -1] : output).reshape(-1).data<float>().ToArray();
        }

        if (forecast.Length != horizon)
        {
            throw new UserError($"model {request.Info.Name} returned {forecast.Length} values, but the run forecasts a horizon of {horizon}; train the model again with --force");
        }

        for (int step = 0; step < horizon; step++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step + 1}\t{(forecast[step] * scale) + shift:0.######}"));
        }

        return horizon;
    }

    private static SeriesCsv Read(string path, string option, string? column, Action<BadRecord>? onBadRecord) =>
        Read(() => SeriesCsvReader.Read(path, column, onBadRecord), path, option);

    private static SeriesCsv Read(Func<SeriesCsv> read, string path, string option)
    {
        try
        {
            return read();
        }
        catch (DataFormatException ex)
        {
            throw new UserError($"{option} {path} {ex.Record.Reason}{(ex.Record.Unit == "column" ? "; set data.column to one of them" : string.Empty)}", ex);
        }
        catch (IOException ex)
        {
            throw new UserError($"{option} {path} cannot be read ({ex.Message}); check the file", ex);
        }
    }
}
