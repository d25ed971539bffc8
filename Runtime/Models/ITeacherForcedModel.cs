using TorchSharp;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// A model that is fed the ground-truth target while training (teacher forcing), e.g. a seq2seq decoder.
/// The trainer calls <see cref="forward(torch.Tensor, torch.Tensor)"/> in training and the module's plain
/// one-input forward at evaluation.
/// </summary>
public interface ITeacherForcedModel
{
    /// <summary>Runs the model with the target sequence available to the decoder.</summary>
    /// <param name="input">The input batch.</param>
    /// <param name="target">The target batch the decoder is conditioned on.</param>
    /// <returns>The model output, shaped like what the loss expects for <paramref name="target"/>.</returns>
#pragma warning disable IDE1006 // TorchSharp's naming: forward
    torch.Tensor forward(torch.Tensor input, torch.Tensor target);
#pragma warning restore IDE1006
}
