using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>What <c>export</c> hands a model's <see cref="ExperimentModel.Exporter"/>.</summary>
/// <param name="Program">The program's name, for messages.</param>
/// <param name="Module">The trained model, in eval mode.</param>
/// <param name="Info">The model's description.</param>
/// <param name="Preprocessing">The run's preprocessing (<see cref="RunFiles.Preprocessing"/>): labels and feature scale.</param>
/// <param name="RunFolder">The run folder (<c>--output</c>).</param>
/// <param name="OnnxPath">The file to write (<see cref="RunFiles.Onnx"/> in the run folder).</param>
public sealed record ExportRequest(
    string Program,
    torch.nn.Module<torch.Tensor, torch.Tensor> Module,
    ModelInfo Info,
    Preprocessing Preprocessing,
    string RunFolder,
    string OnnxPath);
