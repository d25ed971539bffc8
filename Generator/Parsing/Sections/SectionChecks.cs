using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Model.Sections;

namespace QuickDrawDsl.Generator.Parsing.Sections;

/// <summary>
/// Checks across the settings of <c>training:</c> and <c>data:</c> and against the model's declared shapes: a setting
/// for another optimizer, loss, schedule or format (QD0018), and a window, frame count, class count or task that does
/// not fit the model (QD0019). The runtime records' <c>Problems()</c> apply the same rules to command-line overrides.
/// </summary>
internal static class SectionChecks
{
    public static void Check(SectionSpec? training, SectionSpec? data, TensorSpec? input, TensorSpec? output, int labelCount, Action<DiagnosticDescriptor, LocationInfo?, object?[]> report)
    {
        int? classes = labelCount > 0 ? labelCount : output is { Shape.Count: > 0 } o && o.Shape[o.Shape.Count - 1] is { IsDynamic: false } last ? (int)Math.Min(last.Size, int.MaxValue) : null;
        string? loss = null;
        if (training is not null)
        {
            loss = CheckTraining(training, classes, report);
        }

        if (data is not null)
        {
            // Stryker disable once Conditional : loss is null whenever training is, so both branches pass the same value
            CheckData(data, training is null ? null : loss, input, report);
        }
    }

    private static string CheckTraining(SectionSpec t, int? classes, Action<DiagnosticDescriptor, LocationInfo?, object?[]> report)
    {
        string Value(string key) => t.TextOf(key, Definition(SectionCatalog.TrainingSettings, key))!;
        string optimizer = Value("optimizer");
        string schedule = Value("schedule");
        string loss = Value("loss");
        bool classification = loss == "cross_entropy";

        void NotFor(string key, bool applies, string what)
        {
            if (!applies && t.Find(key) is { } setting)
            {
                report(DiagnosticDescriptors.SettingDoesNotApply, setting.Location, [key, what]);
            }
        }

        NotFor("momentum", optimizer == "sgd", $"applies to optimizer sgd, not {optimizer}; remove it or use 'optimizer: sgd'");
        NotFor("nesterov", optimizer == "sgd", $"applies to optimizer sgd, not {optimizer}; remove it or use 'optimizer: sgd'");
        NotFor("min_learning_rate", schedule is "cosine" or "plateau", $"applies to schedules cosine and plateau, not {schedule}");
        NotFor("step_size", schedule is "step" or "plateau", $"applies to schedules step and plateau, not {schedule}");
        NotFor("gamma", schedule is "step" or "plateau", $"applies to schedules step and plateau, not {schedule}");
        NotFor("label_smoothing", classification, $"applies to loss cross_entropy, not {loss}");
        NotFor("class_weights", classification, $"applies to loss cross_entropy, not {loss}");
        NotFor("top_k", classification, $"applies to loss cross_entropy, not {loss}");
        NotFor("huber_delta", loss == "huber", $"applies to loss huber, not {loss}");

        if (t.Find("nesterov") is { Text: "true" } nesterov && optimizer == "sgd" && double.Parse(Value("momentum"), CultureInfo.InvariantCulture) == 0)
        {
            report(DiagnosticDescriptors.InvalidValue, nesterov.Location, ["nesterov", "true", "Nesterov momentum needs a momentum above 0; set 'momentum: 0.9'"]);
        }

        string[] metrics = classification ? SectionCatalog.ClassificationMetrics : SectionCatalog.RegressionMetrics;
        if (t.Find("metrics") is { } listed)
        {
            foreach (string metric in listed.Items.Where(m => Array.IndexOf(metrics, m) < 0))
            {
                report(DiagnosticDescriptors.SettingDoesNotApply, listed.Location, ["metrics", $"'{metric}' is not recorded with loss {loss}; use {string.Join(", ", metrics)}"]);
            }
        }

        if (t.Find("warmup_epochs") is { } warmup && long.Parse(warmup.Text, CultureInfo.InvariantCulture) >= long.Parse(Value("epochs"), CultureInfo.InvariantCulture))
        {
            report(DiagnosticDescriptors.InvalidValue, warmup.Location, ["warmup_epochs", warmup.Text, $"must be fewer than the {Value("epochs")} epochs"]);
        }

        if (t.Find("min_learning_rate") is { } floor && schedule is "cosine" or "plateau"
            && double.Parse(floor.Text, CultureInfo.InvariantCulture) >= double.Parse(Value("learning_rate"), CultureInfo.InvariantCulture))
        {
            report(DiagnosticDescriptors.InvalidValue, floor.Location, ["min_learning_rate", floor.Text, $"must be below learning_rate {Value("learning_rate")}"]);
        }

        if (t.HasGroup("early_stopping"))
        {
            string monitor = t.Find("early_stopping.monitor")?.Text ?? "val_loss";
            string[] monitors = ["val_loss", "train_loss", .. metrics.Select(m => "val_" + m)];
            if (Array.IndexOf(monitors, monitor) < 0 && t.Find("early_stopping.monitor") is { } given)
            {
                string? closest = Suggestions.Closest(monitor, monitors);
                report(DiagnosticDescriptors.InvalidValue, given.Location, ["early_stopping.monitor", monitor,
                    $"a run with loss {loss} records {string.Join(", ", monitors)}" + (closest is null ? string.Empty : $" (did you mean '{closest}'?)")]);
            }
        }

        if (classification && classes is { } count)
        {
            if (t.Find("top_k") is { } topK && long.Parse(topK.Text, CultureInfo.InvariantCulture) > count)
            {
                report(DiagnosticDescriptors.SettingConflictsWithModel, topK.Location, [$"'top_k' is {topK.Text}", $"the model has {count} classes", $"use at most {count}"]);
            }

            if (t.Find("class_weights") is { Items.Count: > 0 } weights && weights.Items.Count != count)
            {
                report(DiagnosticDescriptors.SettingConflictsWithModel, weights.Location, [$"'class_weights' has {weights.Items.Count} values", $"the model has {count} classes", "give one weight a class, in label order"]);
            }
        }

        if (classification && classes == 1)
        {
            report(DiagnosticDescriptors.SettingConflictsWithModel, t.Find("loss")?.Location ?? t.Location, ["loss cross_entropy", "the model has 1 output class", "give the output a unit per class, or use a regression loss (mse, mae, huber)"]);
        }

        return loss;
    }

    private static void CheckData(SectionSpec d, string? loss, TensorSpec? input, Action<DiagnosticDescriptor, LocationInfo?, object?[]> report)
    {
        if (d.Find("format") is not { } formatValue)
        {
            return;
        }

        string format = formatValue.Text;
        foreach ((string key, SettingDefinition definition) in SectionCatalog.Flattened(SectionCatalog.DataSettings))
        {
            if (definition.Formats.Length > 0 && Array.IndexOf(definition.Formats, format) < 0 && d.Find(key) is { } setting)
            {
                report(DiagnosticDescriptors.SettingDoesNotApply, setting.Location, [key, $"applies to format {string.Join(", ", definition.Formats)}, not {format}; remove it or change 'format'"]);
            }
        }

        void Require(string key, string example)
        {
            if (d.Find(key) is null)
            {
                report(DiagnosticDescriptors.MissingField, formatValue.Location, [$"'data' (format {format})", key, example]);
            }
        }

        if (format == "csv")
        {
            Require("window", "time steps the model sees, e.g. 'window: 56'");
        }
        else if (format == "video_clips")
        {
            Require("frames", "frames sampled a clip, e.g. 'frames: 8'");
            Require("frame_size", "pixels a side, e.g. 'frame_size: 32'");
        }

        double validation = double.Parse(d.Find("splits.validation")?.Text ?? "0.1", CultureInfo.InvariantCulture);
        double test = double.Parse(d.Find("splits.test")?.Text ?? "0.1", CultureInfo.InvariantCulture);
        if (validation + test >= 1)
        {
            report(DiagnosticDescriptors.InvalidValue, (d.Find("splits.test") ?? d.Find("splits.validation"))?.Location ?? d.Location,
                ["splits", $"validation {Invariant.Of((long)Math.Round(validation * 100))}% + test {Invariant.Of((long)Math.Round(test * 100))}%", "leaves nothing to train on; keep their sum below 1"]);
        }

        bool classificationData = Array.IndexOf(SectionCatalog.ClassificationFormats, format) >= 0;
        if (loss is not null && classificationData != (loss == "cross_entropy"))
        {
            report(DiagnosticDescriptors.SettingConflictsWithModel, formatValue.Location, [$"format {format} gives {(classificationData ? "class labels" : "numeric targets")}",
                $"training.loss is {loss}",
                classificationData ? "use 'loss: cross_entropy'" : "use loss mse, mae or huber"]);
        }

        if (input is null)
        {
            return;
        }

        if (format == "csv" && d.Find("window") is { } window && input.Shape.Count == 2 && input.Shape[0] is { IsDynamic: false } steps && steps.Size.ToString(CultureInfo.InvariantCulture) != window.Text)
        {
            report(DiagnosticDescriptors.SettingConflictsWithModel, window.Location, [$"'window' is {window.Text}", $"the input '{input.Name}' has {steps.Text} time steps", $"use 'window: {steps.Text}' or make the input's time axis dynamic ([time, {input.Shape[1].Text}])"]);
        }

        if (format == "video_clips" && input.Shape.Count == 4)
        {
            if (d.Find("frames") is { } frames && input.Shape[1] is { IsDynamic: false } f && f.Text != frames.Text)
            {
                report(DiagnosticDescriptors.SettingConflictsWithModel, frames.Location, [$"'frames' is {frames.Text}", $"the input '{input.Name}' [channels, frames, height, width] has {f.Text} frames", $"use 'frames: {f.Text}'"]);
            }

            if (d.Find("frame_size") is { } size && input.Shape[2] is { IsDynamic: false } h && input.Shape[3] is { IsDynamic: false } w && (h.Text != size.Text || w.Text != size.Text))
            {
                report(DiagnosticDescriptors.SettingConflictsWithModel, size.Location, [$"'frame_size' is {size.Text}", $"the input '{input.Name}' has frames of {h.Text}x{w.Text}", h.Text == w.Text ? $"use 'frame_size: {h.Text}'" : "make the input's frames square"]);
            }
        }
        else if (format == "video_clips")
        {
            report(DiagnosticDescriptors.SettingConflictsWithModel, formatValue.Location, ["format video_clips", $"the input '{input.Name}' is {Shape(input)}, not [channels, frames, height, width]", "declare a 4-axis input, e.g. [3, 8, 32, 32]"]);
        }
    }

    private static string Shape(TensorSpec tensor) => "[" + string.Join(", ", tensor.Shape.Select(d => d.Text)) + "]";

    private static SettingDefinition Definition(IEnumerable<SettingDefinition> settings, string key) =>
        // Stryker disable once Linq : every key asked for is in the catalog, so First and FirstOrDefault find the same entry
        SectionCatalog.Flattened(settings).First(s => s.Key == key).Definition;
}
