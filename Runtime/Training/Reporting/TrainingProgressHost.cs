using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace QuickDrawDsl.Runtime.Training.Reporting;

/// <summary>Chooses and runs a progress display around the training loop.</summary>
internal static class TrainingProgressHost
{
    /// <summary>Resolves <see cref="ProgressMode.Auto"/>: live only on an interactive, non-redirected terminal outside CI.</summary>
    public static ProgressMode Resolve(ProgressMode mode)
    {
        if (mode != ProgressMode.Auto)
        {
            return mode;
        }

        string? ci = Environment.GetEnvironmentVariable("CI");
        bool inCi = string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        return !inCi && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? ProgressMode.Live : ProgressMode.Plain;
    }

    public static T Run<T>(ProgressMode mode, TextWriter? log, int logEveryBatches, double totalUnits, Func<ITrainingProgress, T> body)
    {
        switch (Resolve(mode))
        {
            case ProgressMode.Live:
                T result = default!;
                AnsiConsole.Progress()
                    .AutoClear(false)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        ProgressTask task = ctx.AddTask("training", maxValue: Math.Max(1, totalUnits));
                        result = body(new LiveProgress(task));
                        task.Value = task.MaxValue;
                    });
                return result;
            case ProgressMode.Plain:
                return body(new PlainProgress(log ?? Console.Out, logEveryBatches));
            default:
                return body(new SilentProgress());
        }
    }

    internal static string Summary(EpochResult r, int totalEpochs)
    {
        IEnumerable<string> metrics = r.Metrics.Select(kv => $"{kv.Key} {kv.Value.ToString("0.0000", CultureInfo.InvariantCulture)}");
        return string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch + 1}/{totalEpochs}  {string.Join("  ", metrics)}  lr {r.LearningRate:0.######}  {r.SamplesPerSecond:0} samples/s  {r.Seconds:0.0}s");
    }

    private sealed class SilentProgress : ITrainingProgress
    {
        public void EpochStarted(int epoch, int totalEpochs, int batches, double learningRate)
        {
        }

        public void BatchEnded(int epoch, int batch, int batches, double meanLoss, double? metric, string metricName, double samplesPerSecond)
        {
        }

        public void EpochEnded(EpochResult result, int totalEpochs)
        {
        }

        public void Message(string text)
        {
        }
    }

    private sealed class PlainProgress(TextWriter writer, int every) : ITrainingProgress
    {
        public void EpochStarted(int epoch, int totalEpochs, int batches, double learningRate)
        {
        }

        public void BatchEnded(int epoch, int batch, int batches, double meanLoss, double? metric, string metricName, double samplesPerSecond)
        {
            if (every > 0 && (batch + 1) % every == 0 && batch + 1 < batches)
            {
                string m = metric is double v ? string.Create(CultureInfo.InvariantCulture, $"  {metricName} {v:0.0000}") : string.Empty;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1} batch {batch + 1}/{batches}  loss {meanLoss:0.0000}{m}  {samplesPerSecond:0} samples/s"));
                writer.Flush();
            }
        }

        public void EpochEnded(EpochResult result, int totalEpochs)
        {
            writer.WriteLine(Summary(result, totalEpochs));
            writer.Flush();
        }

        public void Message(string text)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }

    private sealed class LiveProgress(ProgressTask task) : ITrainingProgress
    {
        private int totalEpochs = 1;

        public void EpochStarted(int epoch, int totalEpochs, int batches, double learningRate)
        {
            this.totalEpochs = totalEpochs;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1}/{totalEpochs}  lr {learningRate:0.######}");
        }

        public void BatchEnded(int epoch, int batch, int batches, double meanLoss, double? metric, string metricName, double samplesPerSecond)
        {
            string m = metric is double v ? string.Create(CultureInfo.InvariantCulture, $"  {metricName} {v:0.000}") : string.Empty;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1}/{totalEpochs}  loss {meanLoss:0.0000}{m}  {samplesPerSecond:0} samples/s"));
            task.Increment(1);
        }

        public void EpochEnded(EpochResult result, int totalEpochs)
        {
            AnsiConsole.MarkupLine(Markup.Escape(Summary(result, totalEpochs)));
        }

        public void Message(string text)
        {
            AnsiConsole.MarkupLine(Markup.Escape(text));
        }
    }
}
