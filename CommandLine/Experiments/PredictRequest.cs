using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.CommandLine.Experiments;

/// <summary>What <c>predict</c> hands an <see cref="ExperimentFormat"/>.</summary>
/// <param name="Program">The program's name, for messages.</param>
/// <param name="Module">The trained model, in eval mode.</param>
/// <param name="Info">The model's description.</param>
/// <param name="Preprocessing">The run's preprocessing.</param>
/// <param name="File">The <c>--input</c> file (known to exist).</param>
/// <param name="Top">The <c>--top</c> labels to print (classification only).</param>
public sealed record PredictRequest(
    string Program,
    torch.nn.Module<torch.Tensor, torch.Tensor> Module,
    ModelInfo Info,
    Preprocessing Preprocessing,
    string File,
    int Top);
