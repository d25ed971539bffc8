using System;
using QuickDrawDsl.Runtime.Experiments;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>
/// One model a generated command line can run: how to create it, its <c>training:</c> and <c>data:</c> sections and how
/// to export it. The generator emits one per model of the project; a hand-written program can build one the same way.
/// </summary>
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
    Action<torch.nn.Module<torch.Tensor, torch.Tensor>, string> ExportOnnx);
