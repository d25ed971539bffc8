using TorchSharp;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// A model whose forward pass needs the valid length of every sequence in the batch (padded inputs).
/// The trainer calls <see cref="forward(torch.Tensor, torch.Tensor)"/> whenever a batch carries lengths.
/// </summary>
public interface ISequenceModel
{
    /// <summary>Runs the model on a padded batch.</summary>
    /// <param name="input">Padded input, usually <c>[B, Tmax, F]</c>.</param>
    /// <param name="lengths">Valid length of each sequence, int64 <c>[B]</c>.</param>
    /// <returns>The model output (logits or predictions).</returns>
#pragma warning disable IDE1006 // TorchSharp's naming: forward
    torch.Tensor forward(torch.Tensor input, torch.Tensor lengths);
#pragma warning restore IDE1006
}
