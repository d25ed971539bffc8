using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using QuickDrawDsl.Examples.Forecasting.Pipeline;
using QuickDrawDsl.Examples.Forecasting.Training;
using QuickDrawDsl.Runtime.Data.TimeSeries;

namespace QuickDrawDsl.Examples.Forecasting.Reporting;

/// <summary>The results as markdown tables: MAE in riders per horizon and averaged, validation then test.</summary>
internal static class ResultsTable
{
    public static string Markdown(
        ForecastSettings settings,
        IReadOnlyList<string> features,
        HorizonErrors naiveValidation,
        HorizonErrors naiveTest,
        HorizonErrors meanValidation,
        HorizonErrors meanTest,
        IReadOnlyList<ModelResult> models)
    {
        var text = new StringBuilder();
        string target = settings.Target == ForecastTarget.Rail ? "rail boardings" : "bus boardings";
        text.AppendLine(Invariant($"7-day forecasts of daily CTA {target}; inputs: {string.Join(", ", features)} over {settings.Window} days; seed {settings.Seed}, {settings.Epochs} epochs (the epoch with the lowest validation MAE is kept)."));
        text.AppendLine();
        AppendTable(text, "Validation", ForecastData.ValidationRange, naiveValidation, meanValidation, models, m => m.Validation, withEpoch: true);
        text.AppendLine();
        AppendTable(text, "Test", ForecastData.TestRange, naiveTest, meanTest, models, m => m.Test, withEpoch: false);
        foreach (ModelResult m in models.Where(m => m.Validation.Mean >= naiveValidation.Mean))
        {
            text.AppendLine();
            string why = m.BestEpoch == m.History.Count
                ? Invariant($"its validation MAE was still falling at the last epoch ({m.BestEpoch}): it needs more epochs (--epochs)")
                : Invariant($"its validation MAE stopped improving after epoch {m.BestEpoch} of {m.History.Count}: it overfits or does not converge at this learning rate (--learning-rate)");
            text.AppendLine(Invariant($"Note: {m.Spec.Label} does not beat the naive seasonal baseline on validation ({m.Validation.Mean:N0} vs {naiveValidation.Mean:N0}); {why}."));
        }

        return text.ToString();
    }

    private static void AppendTable(
        StringBuilder text,
        string title,
        DateRange range,
        HorizonErrors naive,
        HorizonErrors mean,
        IReadOnlyList<ModelResult> models,
        Func<ModelResult, HorizonErrors> pick,
        bool withEpoch)
    {
        int days = naive.Counts[0];
        text.AppendLine(Invariant($"{title} MAE in riders, {range} ({days} days at every horizon):"));
        text.AppendLine();
        string horizons = string.Join(" | ", Enumerable.Range(1, ForecastData.Horizon).Select(h => Invariant($"h={h}")));
        string separators = string.Join("|", Enumerable.Range(1, ForecastData.Horizon).Select(_ => "---:"));
        text.AppendLine($"| forecast | params |{(withEpoch ? " epoch |" : string.Empty)} {horizons} | **mean** | vs naive |");
        text.AppendLine($"|---|---:|{(withEpoch ? "---:|" : string.Empty)}{separators}|---:|---:|");
        text.AppendLine(Row("naive seasonal (value 7 days earlier)", "–", withEpoch ? "–" : null, naive, naive));
        text.AppendLine(Row("mean of the last 4 same weekdays", "–", withEpoch ? "–" : null, mean, naive));
        foreach (ModelResult m in models)
        {
            text.AppendLine(Row(m.Spec.Label, m.Parameters.ToString("N0", CultureInfo.InvariantCulture), withEpoch ? m.BestEpoch.ToString(CultureInfo.InvariantCulture) : null, pick(m), naive));
        }
    }

    private static string Row(string name, string parameters, string? epoch, HorizonErrors errors, HorizonErrors naive)
    {
        string cells = string.Join(" | ", errors.PerHorizon.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)));
        double change = (errors.Mean / naive.Mean) - 1;
        string versus = ReferenceEquals(errors, naive) ? "–" : Invariant($"{change * 100:+0.0;−0.0} %");
        return $"| {name} | {parameters} |{(epoch is null ? string.Empty : $" {epoch} |")} {cells} | **{errors.Mean.ToString("N0", CultureInfo.InvariantCulture)}** | {versus} |";
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
