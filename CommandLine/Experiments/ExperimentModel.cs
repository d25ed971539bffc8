using System;
using System.Collections.Generic;
using System.CommandLine;
using QuickDrawDsl.Runtime.Experiments;
using QuickDrawDsl.Runtime.Training;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// One model a generated command line can run: how to create it, its <c>training:</c> and <c>data:</c> sections and how
/// to export it. The generator emits one per model of the project; a hand-written program can build one the same way.
/// </summary>
/// <remarks>
/// The init-only hooks (<see cref="CreateForLabels"/>, <see cref="Format"/>, <see cref="Exporter"/>,
/// <see cref="TrainingCallbacks"/>, <see cref="OutputFolder"/>) are null in a
/// generated model: a project sets them from its <c>Configure</c> with
/// <see cref="ExperimentCommands.Customize(RootCommand, string, Func{ExperimentModel, ExperimentModel})"/>, for what its
/// spec cannot say (a model sized by the classes on disk, features of its own, metadata in the exported file).
/// </remarks>
/// <param name="Name">The model's name, as <c>--model</c> takes it.</param>
/// <param name="Create">Creates the model with its default options (a generated module, so it carries its <c>Info</c>).</param>
/// <param name="Training">The <c>training:</c> section (the generated <c>{Model}Training</c>).</param>
/// <param name="Data">The <c>data:</c> section (the generated <c>{Model}Data</c>).</param>
/// <param name="ExportOnnx">Writes the model's ONNX graph to a path (the generated <c>ExportOnnx</c>).</param>
public sealed record ExperimentModel(
    string Name,
    Func<torch.nn.Module<torch.Tensor, torch.Tensor>> Create,
    TrainingSection Training,
    DataSection Data,
    Action<torch.nn.Module<torch.Tensor, torch.Tensor>, string> ExportOnnx)
{
    /// <summary>
    /// Creates the model for the classes found in the data, in label order (for a spec that declares no <c>labels:</c>
    /// and should train on whichever classes the data folder holds): <c>train</c> calls it with the classes of
    /// <c>--data</c> (<see cref="ExperimentFormat.DataLabels"/>), <c>evaluate</c>, <c>export</c> and <c>predict</c> with
    /// the labels stored in the trained weights. Null: <see cref="Create"/>, whose output must already have one unit a class.
    /// </summary>
    public Func<IReadOnlyList<string>, torch.nn.Module<torch.Tensor, torch.Tensor>>? CreateForLabels { get; init; }

    /// <summary>
    /// Reads this model's data instead of the reader of its <c>data.format</c> (<see cref="ExperimentFormat.For"/>): features,
    /// augmentation or a layout of the project's own. Called once a command with the command's parse result, so the
    /// format can read options the project added in <c>Configure</c>. Null: the built-in reader.
    /// </summary>
    public Func<ParseResult, ExperimentFormat>? Format { get; init; }

    /// <summary>
    /// Writes <c>model.onnx</c> in place of <see cref="ExportOnnx"/>, given the trained model and the run's
    /// preprocessing: to store metadata the serving side reads, export with options of its own, or check the file
    /// against the trained model. Null: <see cref="ExportOnnx"/>.
    /// </summary>
    public Action<ExportRequest>? Exporter { get; init; }

    /// <summary>
    /// Creates the callbacks of one <c>train</c> run (plots, a report of the project's own), added to the trainer's
    /// <see cref="TrainerOptions.Callbacks"/>. Called once a run, after the data has been read, so each run gets fresh
    /// ones; they write into the run folder (<see cref="TrainerOptions.OutputDirectory"/>). Null: none.
    /// </summary>
    public Func<IReadOnlyList<ITrainingCallback>>? TrainingCallbacks { get; init; }

    /// <summary>
    /// The run folder of every command when <c>--output</c> is not given (a project whose scripts and serving side read
    /// a folder of their own). Null: <see cref="RunFiles.DefaultFolder"/>, <c>runs/&lt;model&gt;</c>.
    /// </summary>
    public string? OutputFolder { get; init; }
}
