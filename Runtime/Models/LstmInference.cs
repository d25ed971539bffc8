using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// Keeps LSTM inference off oneDNN. libtorch 2.10 (oneDNN 3.7.1) runs a CPU LSTM with gradients off through oneDNN's
/// <c>brgemm:avx512_core</c> inference kernel, which on AVX-512 machines returns wrong outputs for most hidden sizes
/// (measured against a float64 reference: |Δ| up to 1.4 for 6 units, 0.6 for 48, 0.4 for 100; exact for 32, 64, 128).
/// oneDNN never takes a packed sequence, so such a call runs packed, every sequence at full length: exact, no
/// process-wide switch (which would change the kernels of every other thread meanwhile), and measured as fast as
/// libtorch's own non-oneDNN kernel (B 32, T 40, 64 → 48 units: 12 ms packed, 9–11 ms with oneDNN switched off).
/// </summary>
internal static class LstmInference
{
    /// <summary>Whether an LSTM call on <paramref name="input"/> would reach the faulty kernel: CPU, gradients off.</summary>
    /// <param name="input">The LSTM's input.</param>
    /// <returns>True when the call must run packed.</returns>
    public static bool Needed(Tensor input) => input.device_type == DeviceType.CPU && !is_grad_enabled();

    /// <summary>Runs a batch-first LSTM over <paramref name="x"/> (every sequence at full length) as a packed sequence.</summary>
    /// <param name="lstm">A batch-first LSTM.</param>
    /// <param name="x">[B, T, F].</param>
    /// <param name="state">The initial (h, c), or null for zeros.</param>
    /// <returns>Every step's output [B, T, H × directions] and the final (h, c), as <c>lstm.call</c> returns them.</returns>
    public static (Tensor Output, Tensor H, Tensor C) Run(LSTM lstm, Tensor x, (Tensor H, Tensor C)? state)
    {
        long steps = x.shape[1];
        using Tensor lengths = full(x.shape[0], steps, dtype: ScalarType.Int64);
        using PackedSequence packed = pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: true);
        (PackedSequence output, Tensor h, Tensor c) = lstm.call(packed, state);
        using (output)
        {
            (Tensor padded, Tensor outputLengths) = pad_packed_sequence(output, batch_first: true, total_length: steps);
            outputLengths.Dispose();
            return (padded, h, c);
        }
    }
}
