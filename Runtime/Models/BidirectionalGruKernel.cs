using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuickDrawDsl.Runtime.Models;

/// <summary>
/// The gate arithmetic of one GRU step, forward and backward, as one vectorized loop over float32 memory: what
/// libtorch does in eight calls forward and twelve backward on small [2, B, H] tensors (each paying dispatch and an
/// allocation) is one pass here, reading the step's products and writing the state and what backward needs in place.
/// </summary>
/// <remarks>
/// Rows are the sequences of one direction; a row of the gate tensors is [r | z | n], each <c>hidden</c> wide, as nn.GRU
/// orders its gates. sigmoid(x) = 1 / (1 + e^−x) and tanh use the runtime's vectorized exp (≈ 1 ulp); tanh of small
/// arguments, where 1 − 2 / (e^2x + 1) loses its relative accuracy, uses the Cephes odd polynomial instead (relative
/// error ≈ 2e−7 below |x| = 0.625).
/// </remarks>
internal static class BidirectionalGruKernel
{
    private const float SmallTanh = 0.625f;

    // Cephes tanhf: tanh(x) = x + x³ P(x²) for |x| < 0.625.
    private const float P0 = -5.70498872745e-3f;
    private const float P1 = 2.06390887954e-2f;
    private const float P2 = -5.37397155531e-2f;
    private const float P3 = 1.33314422036e-1f;
    private const float P4 = -3.33332819422e-1f;

    /// <summary>
    /// One forward step of one direction: with gh = W_h h_prev + b_h, r = σ(gi_r + gh_r), z = σ(gi_z + gh_z),
    /// n = tanh(gi_n + r gh_n), h = n + z (h_prev − n).
    /// </summary>
    /// <param name="inputGates">gi = W_i x + b_i of this step, rows × 3H.</param>
    /// <param name="hiddenProduct">W_h h_prev of this step (no bias), rows × 3H.</param>
    /// <param name="hiddenBias">b_h, 3H.</param>
    /// <param name="previous">h_prev, rows × H.</param>
    /// <param name="state">h, rows × H (written).</param>
    /// <param name="saved">r, z, n, gh_n per row, rows × 4H (written), or empty when backward will not run.</param>
    /// <param name="rows">Sequences.</param>
    /// <param name="hidden">H.</param>
    public static void Forward(
        ReadOnlySpan<float> inputGates, ReadOnlySpan<float> hiddenProduct, ReadOnlySpan<float> hiddenBias, ReadOnlySpan<float> previous,
        Span<float> state, Span<float> saved, int rows, int hidden)
    {
        CheckLength(inputGates, rows * 3 * hidden, nameof(inputGates));
        CheckLength(hiddenProduct, rows * 3 * hidden, nameof(hiddenProduct));
        CheckLength(hiddenBias, 3 * hidden, nameof(hiddenBias));
        CheckLength(previous, rows * hidden, nameof(previous));
        CheckLength(state, rows * hidden, nameof(state));
        bool keep = !saved.IsEmpty;
        if (keep)
        {
            CheckLength(saved, rows * 4 * hidden, nameof(saved));
        }

        ref float gi = ref MemoryMarshal.GetReference(inputGates);
        ref float gh = ref MemoryMarshal.GetReference(hiddenProduct);
        ref float bh = ref MemoryMarshal.GetReference(hiddenBias);
        ref float hp = ref MemoryMarshal.GetReference(previous);
        ref float h = ref MemoryMarshal.GetReference(state);
        ref float sv = ref MemoryMarshal.GetReference(saved);
        nuint width = (nuint)hidden;
        for (int row = 0; row < rows; row++)
        {
            nuint g = (nuint)row * 3 * width, s = (nuint)row * width, k = (nuint)row * 4 * width;
            nuint j = 0;

            // Sixteen lanes where the CPU has them: the exps (three per unit) dominate this loop, and the runtime's
            // float exp works in double, so twice the lanes per instruction is nearly twice the speed.
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j + (nuint)Vector512<float>.Count <= width; j += (nuint)Vector512<float>.Count)
                {
                    Vector512<float> r = Sigmoid(Vector512.LoadUnsafe(ref gi, g + j) + Vector512.LoadUnsafe(ref gh, g + j) + Vector512.LoadUnsafe(ref bh, j));
                    Vector512<float> z = Sigmoid(Vector512.LoadUnsafe(ref gi, g + width + j) + Vector512.LoadUnsafe(ref gh, g + width + j)
                        + Vector512.LoadUnsafe(ref bh, width + j));
                    Vector512<float> ghn = Vector512.LoadUnsafe(ref gh, g + (2 * width) + j) + Vector512.LoadUnsafe(ref bh, (2 * width) + j);
                    Vector512<float> n = Tanh(Vector512.LoadUnsafe(ref gi, g + (2 * width) + j) + (r * ghn));
                    Vector512<float> before = Vector512.LoadUnsafe(ref hp, s + j);
                    (n + (z * (before - n))).StoreUnsafe(ref h, s + j);
                    if (keep)
                    {
                        r.StoreUnsafe(ref sv, k + j);
                        z.StoreUnsafe(ref sv, k + width + j);
                        n.StoreUnsafe(ref sv, k + (2 * width) + j);
                        ghn.StoreUnsafe(ref sv, k + (3 * width) + j);
                    }
                }
            }

            for (; j + (nuint)Vector256<float>.Count <= width; j += (nuint)Vector256<float>.Count)
            {
                Vector256<float> r = Sigmoid(Vector256.LoadUnsafe(ref gi, g + j) + Vector256.LoadUnsafe(ref gh, g + j) + Vector256.LoadUnsafe(ref bh, j));
                Vector256<float> z = Sigmoid(Vector256.LoadUnsafe(ref gi, g + width + j) + Vector256.LoadUnsafe(ref gh, g + width + j)
                    + Vector256.LoadUnsafe(ref bh, width + j));
                Vector256<float> ghn = Vector256.LoadUnsafe(ref gh, g + (2 * width) + j) + Vector256.LoadUnsafe(ref bh, (2 * width) + j);
                Vector256<float> n = Tanh(Vector256.LoadUnsafe(ref gi, g + (2 * width) + j) + (r * ghn));
                Vector256<float> before = Vector256.LoadUnsafe(ref hp, s + j);
                (n + (z * (before - n))).StoreUnsafe(ref h, s + j);
                if (keep)
                {
                    r.StoreUnsafe(ref sv, k + j);
                    z.StoreUnsafe(ref sv, k + width + j);
                    n.StoreUnsafe(ref sv, k + (2 * width) + j);
                    ghn.StoreUnsafe(ref sv, k + (3 * width) + j);
                }
            }

            for (; j < width; j++)
            {
                float r = Sigmoid(Unsafe.Add(ref gi, g + j) + Unsafe.Add(ref gh, g + j) + Unsafe.Add(ref bh, j));
                float z = Sigmoid(Unsafe.Add(ref gi, g + width + j) + Unsafe.Add(ref gh, g + width + j) + Unsafe.Add(ref bh, width + j));
                float ghn = Unsafe.Add(ref gh, g + (2 * width) + j) + Unsafe.Add(ref bh, (2 * width) + j);
                float n = MathF.Tanh(Unsafe.Add(ref gi, g + (2 * width) + j) + (r * ghn));
                float before = Unsafe.Add(ref hp, s + j);
                Unsafe.Add(ref h, s + j) = n + (z * (before - n));
                if (keep)
                {
                    Unsafe.Add(ref sv, k + j) = r;
                    Unsafe.Add(ref sv, k + width + j) = z;
                    Unsafe.Add(ref sv, k + (2 * width) + j) = n;
                    Unsafe.Add(ref sv, k + (3 * width) + j) = ghn;
                }
            }
        }
    }

    /// <summary>
    /// One backward step of one direction: with dh = dLoss/dh (this step's output gradient plus what the next step
    /// passed back: its dgh · W_h and its dh z),
    /// dn = dh (1 − z)(1 − n²), dz = dh (h_prev − n) z (1 − z), dr = dn gh_n r (1 − r); writes the gradients of the
    /// hidden side's gates (dr, dz, dn r), of the input side's (dr, dz, dn) and dh z, the part of dh_prev that does not
    /// go through W_h.
    /// </summary>
    /// <param name="outputGradient">This step's output gradient, rows × H.</param>
    /// <param name="carriedBack">The next step's dgh · W_h (rows × H), or empty at the last step.</param>
    /// <param name="saved">r, z, n, gh_n of this step, rows × 4H.</param>
    /// <param name="previous">h_prev of this step, rows × H.</param>
    /// <param name="hiddenGatesGradient">dLoss/d(W_h h_prev + b_h), rows × 3H (written).</param>
    /// <param name="inputGatesGradient">dLoss/d(W_i x + b_i), rows × 3H (written).</param>
    /// <param name="direct">
    /// rows × H: on entry the next step's dh z (read only when <paramref name="carriedBack"/> is not empty), on return
    /// this step's.
    /// </param>
    /// <param name="rows">Sequences.</param>
    /// <param name="hidden">H.</param>
    public static void Backward(
        ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> carriedBack, ReadOnlySpan<float> saved, ReadOnlySpan<float> previous,
        Span<float> hiddenGatesGradient, Span<float> inputGatesGradient, Span<float> direct, int rows, int hidden)
    {
        CheckLength(outputGradient, rows * hidden, nameof(outputGradient));
        bool carried = !carriedBack.IsEmpty;
        if (carried)
        {
            CheckLength(carriedBack, rows * hidden, nameof(carriedBack));
        }

        CheckLength(saved, rows * 4 * hidden, nameof(saved));
        CheckLength(previous, rows * hidden, nameof(previous));
        CheckLength(hiddenGatesGradient, rows * 3 * hidden, nameof(hiddenGatesGradient));
        CheckLength(inputGatesGradient, rows * 3 * hidden, nameof(inputGatesGradient));
        CheckLength(direct, rows * hidden, nameof(direct));

        ref float go = ref MemoryMarshal.GetReference(outputGradient);
        ref float cb = ref MemoryMarshal.GetReference(carriedBack);
        ref float sv = ref MemoryMarshal.GetReference(saved);
        ref float hp = ref MemoryMarshal.GetReference(previous);
        ref float dgh = ref MemoryMarshal.GetReference(hiddenGatesGradient);
        ref float dgi = ref MemoryMarshal.GetReference(inputGatesGradient);
        ref float dd = ref MemoryMarshal.GetReference(direct);
        nuint width = (nuint)hidden;
        Vector256<float> one = Vector256<float>.One;
        for (int row = 0; row < rows; row++)
        {
            nuint g = (nuint)row * 3 * width, s = (nuint)row * width, k = (nuint)row * 4 * width;
            nuint j = 0;
            for (; j + (nuint)Vector256<float>.Count <= width; j += (nuint)Vector256<float>.Count)
            {
                Vector256<float> dh = Vector256.LoadUnsafe(ref go, s + j);
                if (carried)
                {
                    dh += Vector256.LoadUnsafe(ref cb, s + j) + Vector256.LoadUnsafe(ref dd, s + j);
                }

                Vector256<float> r = Vector256.LoadUnsafe(ref sv, k + j);
                Vector256<float> z = Vector256.LoadUnsafe(ref sv, k + width + j);
                Vector256<float> n = Vector256.LoadUnsafe(ref sv, k + (2 * width) + j);
                Vector256<float> ghn = Vector256.LoadUnsafe(ref sv, k + (3 * width) + j);
                Vector256<float> before = Vector256.LoadUnsafe(ref hp, s + j);
                Vector256<float> dn = dh * (one - z) * (one - (n * n));
                Vector256<float> dz = dh * (before - n) * z * (one - z);
                Vector256<float> dr = dn * ghn * r * (one - r);
                dr.StoreUnsafe(ref dgh, g + j);
                dz.StoreUnsafe(ref dgh, g + width + j);
                (dn * r).StoreUnsafe(ref dgh, g + (2 * width) + j);
                dr.StoreUnsafe(ref dgi, g + j);
                dz.StoreUnsafe(ref dgi, g + width + j);
                dn.StoreUnsafe(ref dgi, g + (2 * width) + j);
                (dh * z).StoreUnsafe(ref dd, s + j);
            }

            for (; j < width; j++)
            {
                float dh = Unsafe.Add(ref go, s + j) + (carried ? Unsafe.Add(ref cb, s + j) + Unsafe.Add(ref dd, s + j) : 0f);
                float r = Unsafe.Add(ref sv, k + j);
                float z = Unsafe.Add(ref sv, k + width + j);
                float n = Unsafe.Add(ref sv, k + (2 * width) + j);
                float ghn = Unsafe.Add(ref sv, k + (3 * width) + j);
                float before = Unsafe.Add(ref hp, s + j);
                float dn = dh * (1 - z) * (1 - (n * n));
                float dz = dh * (before - n) * z * (1 - z);
                float dr = dn * ghn * r * (1 - r);
                Unsafe.Add(ref dgh, g + j) = dr;
                Unsafe.Add(ref dgh, g + width + j) = dz;
                Unsafe.Add(ref dgh, g + (2 * width) + j) = dn * r;
                Unsafe.Add(ref dgi, g + j) = dr;
                Unsafe.Add(ref dgi, g + width + j) = dz;
                Unsafe.Add(ref dgi, g + (2 * width) + j) = dn;
                Unsafe.Add(ref dd, s + j) = dh * z;
            }
        }
    }

    /// <summary>σ(x) for eight lanes.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>1 / (1 + e^−x); e^−x overflowing to infinity gives exactly 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> x) =>
        Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    /// <summary>tanh(x) for eight lanes, accurate in relative terms near zero too.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> magnitude = Vector256.Abs(x);
        Vector256<float> e = Vector256.Exp(magnitude + magnitude);
        Vector256<float> large = Vector256.CopySign(one - (Vector256.Create(2f) / (e + one)), x);
        Vector256<float> x2 = x * x;
        Vector256<float> p = (((((((((Vector256.Create(P0) * x2) + Vector256.Create(P1)) * x2) + Vector256.Create(P2)) * x2)
            + Vector256.Create(P3)) * x2) + Vector256.Create(P4)) * x2 * x) + x;
        return Vector256.ConditionalSelect(Vector256.LessThan(magnitude, Vector256.Create(SmallTanh)), p, large);
    }

    /// <summary>σ(x) for sixteen lanes.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>1 / (1 + e^−x); e^−x overflowing to infinity gives exactly 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    /// <summary>tanh(x) for sixteen lanes, as <see cref="Tanh(Vector256{float})"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> one = Vector512<float>.One;
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> e = Vector512.Exp(magnitude + magnitude);
        Vector512<float> large = Vector512.CopySign(one - (Vector512.Create(2f) / (e + one)), x);
        Vector512<float> x2 = x * x;
        Vector512<float> p = (((((((((Vector512.Create(P0) * x2) + Vector512.Create(P1)) * x2) + Vector512.Create(P2)) * x2)
            + Vector512.Create(P3)) * x2) + Vector512.Create(P4)) * x2 * x) + x;
        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(SmallTanh)), p, large);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private static void CheckLength(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length < expected)
        {
            throw new ArgumentException($"{name} holds {span.Length} values; the step needs {expected}.", name);
        }
    }
}
