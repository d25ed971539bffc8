using System;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// Lets a two-input module <c>Module&lt;Tensor, Tensor, Tensor&gt;</c> whose forward is <c>(input, lengths)</c> be
/// trained by the <c>Trainer</c>: the adapter is a <c>Module&lt;Tensor, Tensor&gt;</c> and an <see cref="ISequenceModel"/>.
/// Called with one input it treats every step as valid. The wrapped module's parameters appear under <c>inner.</c>.
/// </summary>
public sealed class SequenceModelAdapter : torch.nn.Module<torch.Tensor, torch.Tensor>, ISequenceModel
{
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor, torch.Tensor> inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">Module taking (padded input <c>[B, T, F]</c>, lengths int64 <c>[B]</c>).</param>
    public SequenceModelAdapter(torch.nn.Module<torch.Tensor, torch.Tensor, torch.Tensor> inner)
        : base(TorchNative.Loaded(nameof(SequenceModelAdapter)))
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        RegisterComponents();
    }

    /// <summary>Runs the wrapped module with every sequence at full length <c>T</c> (<c>input.shape[1]</c>).</summary>
    /// <param name="input">Batch-first input <c>[B, T, ...]</c>.</param>
    /// <returns>The wrapped module's output.</returns>
    public override torch.Tensor forward(torch.Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using torch.Tensor lengths = torch.full(new long[] { input.shape[0] }, input.shape[1], dtype: torch.int64);
        return inner.call(input, lengths);
    }

    /// <inheritdoc />
    public torch.Tensor forward(torch.Tensor input, torch.Tensor lengths) => inner.call(input, lengths);

    /// <summary>Disposes the wrapped module.</summary>
    /// <param name="disposing">True from <see cref="IDisposable.Dispose"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
