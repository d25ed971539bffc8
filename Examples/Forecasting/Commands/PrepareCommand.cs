using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Runtime.Data.TimeSeries;

namespace QuickDrawDsl.Examples.Forecasting.Commands;

/// <summary>
/// <c>forecast prepare</c>: the CTA file as the generated commands' <c>format: csv</c> reads it. The published file is
/// neither sorted nor free of duplicate days, and the <c>data:</c> section splits by position, so this writes one row a
/// day (<c>date,bus,rail,total</c>) in date order over a chosen range, and refuses a range with a missing day.
/// </summary>
internal static class PrepareCommand
{
    /// <summary>Where the specs' <c>data.path</c> expects the series.</summary>
    public const string DefaultOutput = "data/cta-ridership.csv";

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"The CTA ridership CSV or its folder (default: ${DataLocator.EnvironmentVariable}, ./data/ridership, ../shared/data/ridership)" };
        var output = new Option<string>("--output") { Description = "The series to write (the specs' data.path)", DefaultValueFactory = _ => DefaultOutput }.NotBlank();
        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd (the defaults make the specs' splits the comparison's dates)", DefaultValueFactory = _ => Day(ForecastData.TrainRange.From) };
        var to = new Option<string>("--to") { Description = "Last day, yyyy-MM-dd", DefaultValueFactory = _ => Day(ForecastData.TestRange.To) };
        var force = new Option<bool>("--force") { Description = "Replace the file at --output" };
        var command = new Command("prepare", $"Write the CTA series as one row a day in date order (date,bus,rail,total) to {DefaultOutput}, the data.path of the specs' csv data: sections")
        {
            data, output, from, to, force,
        };
        command.SetAction(parse =>
        {
            string file = parse.GetValue(output)!;
            var range = new DateRange(Date(parse.GetValue(from)!, "--from"), Date(parse.GetValue(to)!, "--to"));
            if (range.To < range.From)
            {
                throw new UserError($"--to {Day(range.To)} is before --from {Day(range.From)}; give a range of at least one day");
            }

            if (File.Exists(file) && !parse.GetValue(force))
            {
                throw new UserError($"--output {file} already exists; pass --force to replace it, or choose another --output");
            }

            OutputLocation.EnsureWritableFile(file, "--output");
            string source = DataLocator.Find(parse.GetValue(data));
            CtaRidership ridership = ForecastData.LoadSource(source);
            TimeSeriesTable days = ridership.ToTable().Slice(range);
            Console.WriteLine(Write(file, days, range, source));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Read {source}: {ridership.RawRowCount:N0} rows, {ridership.DuplicateRowsDropped} exact duplicates dropped."));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the days of <paramref name="range"/>, which must all be present.</summary>
    /// <param name="file">The CSV to write.</param>
    /// <param name="days">The series cut to the range.</param>
    /// <param name="range">The range asked for.</param>
    /// <param name="source">The file read, for messages.</param>
    /// <returns>What was written, in one line.</returns>
    /// <exception cref="UserError">A day of the range has no row.</exception>
    internal static string Write(string file, TimeSeriesTable days, DateRange range, string source)
    {
        int expected = range.To.DayNumber - range.From.DayNumber + 1;
        for (int i = 0; i < expected; i++)
        {
            DateOnly day = range.From.AddDays(i);
            if (i >= days.RowCount || days.Dates[i] != day)
            {
                throw new UserError($"'{source}' has no row for {Day(day)}; give a --from/--to range with a row for every day");
            }
        }

        var csv = new StringBuilder("date,bus,rail,total\n");
        for (int i = 0; i < days.RowCount; i++)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{Day(days.Dates[i])},{days.Column("bus")[i]:R},{days.Column("rail")[i]:R},{days.Column("total")[i]:R}\n"));
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(file));
        Directory.CreateDirectory(folder!);
        File.WriteAllText(file, csv.ToString());
        return string.Create(CultureInfo.InvariantCulture, $"Wrote {file}: {days.RowCount:N0} days, {range}.");
    }

    private static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? day
            : throw new UserError($"{option} '{text}' is not a date; write it as yyyy-MM-dd, e.g. {option} 2016-01-01");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
