using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>
/// Multi-head self-attention from standard ONNX ops (<c>MatMul</c>, <c>Softmax</c>, an additive mask built with
/// <c>Range</c>/<c>Less</c>/<c>Where</c>), so any runtime of opset 17 runs it: ONNX Runtime's fused
/// <c>MultiHeadAttention</c> lives in the <c>com.microsoft</c> domain, not the default one.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Exports <c>nn.MultiheadAttention</c> used as self-attention on a batch-first sequence, as
    /// <see cref="Models.SequenceOps.SelfAttention"/> runs it: packed input projection, scaled dot products per head,
    /// padded keys (from <paramref name="lengths"/>) and, with <paramref name="causal"/>, later steps masked with -∞
    /// before the softmax, then the output projection.
    /// </summary>
    /// <param name="attention">The module, created with equal query, key and value sizes and biases (the generator's form).</param>
    /// <param name="x">The input <c>[batch, time, features]</c>.</param>
    /// <param name="heads">The module's number of heads (TorchSharp does not expose it); it must divide the features.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> valid lengths (each at least 1), or <see langword="null"/> when every step is valid.</param>
    /// <param name="causal">Whether a step attends only to itself and earlier steps.</param>
    /// <returns>The output <c>[batch, time, features]</c>.</returns>
    public OnnxValue SelfAttention(MultiheadAttention attention, OnnxValue x, long heads, OnnxValue? lengths = null, bool causal = false)
    {
        ArgumentNullException.ThrowIfNull(attention);
        if (Checked(x).Rank != 3)
        {
            throw new ArgumentException($"Self-attention needs [batch, time, features], got {x}.", nameof(x));
        }

        Dictionary<string, Tensor> parameters = attention.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        if (!parameters.TryGetValue("in_proj_weight", out Tensor? inWeight) || !parameters.TryGetValue("in_proj_bias", out Tensor? inBias)
            || !parameters.TryGetValue("out_proj.weight", out Tensor? outWeight) || !parameters.TryGetValue("out_proj.bias", out Tensor? outBias)
            || parameters.Count != 4)
        {
            throw new NotSupportedException(
                $"Only MultiheadAttention with equal query/key/value sizes and biases (in_proj_weight, in_proj_bias, out_proj) is exported; it has {string.Join(", ", parameters.Keys)}.");
        }

        long features = inWeight.shape[1];
        if (heads < 1 || features % heads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"The heads must divide the {features} features.");
        }

        long headSize = features / heads;
        OnnxValue projected = Add(
            MatMul(x, ModuleWeight(attention, "attention_in_weight_t", () => inWeight.t())),
            ModuleWeight(attention, "attention_in_bias", () => inBias));

        // [B, T, 3F] → q, k, v as [B, H, T, D] (k as [B, H, D, T]); q scaled first, as PyTorch does.
        OnnxValue Head(int part, params long[] perm) =>
            Transpose(Reshape(Slice(projected, [part * features], [(part + 1) * features], [2]), 0, 0, heads, headSize), perm);
        OnnxValue query = Mul(Head(0, 0, 2, 1, 3), FloatScalar((float)(1.0 / Math.Sqrt(headSize))));
        OnnxValue key = Head(1, 0, 2, 3, 1);
        OnnxValue value = Head(2, 0, 2, 1, 3);
        OnnxValue scores = MatMul(query, key);

        OnnxValue? steps = lengths is null && !causal ? null : Emit("Range", [Int64Scalar(0), Squeeze(Shape(x, 1, 2), 0), Int64Scalar(1)], 1);
        if (lengths is not null)
        {
            OnnxValue valid = Emit("Less", [Unsqueeze(steps!, 0), Unsqueeze(Checked(lengths), 1)], 2);
            scores = Add(scores, Unsqueeze(Emit("Where", [valid, FloatScalar(0f), FloatScalar(float.NegativeInfinity)], 2), 1, 2));
        }

        if (causal)
        {
            OnnxValue later = Emit("Greater", [Unsqueeze(steps!, 0), Unsqueeze(steps!, 1)], 2);
            scores = Add(scores, Emit("Where", [later, FloatScalar(float.NegativeInfinity), FloatScalar(0f)], 2));
        }

        OnnxValue mixed = MatMul(Softmax(scores, -1), value);
        OnnxValue merged = Reshape(Transpose(mixed, 0, 2, 1, 3), 0, 0, features);
        return Add(
            MatMul(merged, ModuleWeight(attention, "attention_out_weight_t", () => outWeight.t())),
            ModuleWeight(attention, "attention_out_bias", () => outBias));
    }
}
