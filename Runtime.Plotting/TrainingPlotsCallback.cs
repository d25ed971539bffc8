using System;
using System.Collections.Generic;
using System.IO;
using QuickDrawDsl.Runtime.Training;

namespace QuickDrawDsl.Runtime.Plotting;

/// <summary>
/// Renders the run's curves (<c>loss.png</c>, <c>accuracy.png</c> or <c>mae.png</c>) and, for classification with
/// validation, <c>confusion_matrix.png</c> when training ends. Add it to <see cref="TrainerOptions.Callbacks"/>.
/// </summary>
public sealed class TrainingPlotsCallback : ITrainingCallback
{
    private readonly List<string> files = [];

    /// <summary>Creates the callback.</summary>
    /// <param name="directory">Folder for the PNG files (null: the trainer's <see cref="TrainerOptions.OutputDirectory"/>; nothing is written when both are null).</param>
    public TrainingPlotsCallback(string? directory = null)
    {
        Directory = directory;
    }

    /// <summary>The folder given at construction (null: the trainer's output folder).</summary>
    public string? Directory { get; }

    /// <summary>The PNG files written by the last run.</summary>
    public IReadOnlyList<string> Files => files;

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext context, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        files.Clear();
        string? folder = Directory ?? context.Trainer.Options.OutputDirectory;
        if (folder is null || result.History.Count == 0)
        {
            return;
        }

        files.AddRange(TrainingPlots.SaveCurves(result.History, folder));
        if (result.ValidationConfusion is { } confusion)
        {
            string path = Path.Combine(folder, "confusion_matrix.png");
            TrainingPlots.SaveConfusionMatrix(confusion, path, context.Trainer.Options.ClassNames);
            files.Add(path);
        }
    }
}
