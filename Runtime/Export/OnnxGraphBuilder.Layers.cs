using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>Layers with weights, activations and pooling, exported from TorchSharp modules in inference mode.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Exports <c>nn.Linear</c>: <c>Gemm</c> (transB=1) for a 2-D input, otherwise <c>MatMul</c> with the transposed weight
    /// followed by <c>Add</c> of the bias (applies to the last dimension of an N-D input, like TorchSharp).
    /// </summary>
    /// <param name="linear">The module.</param>
    /// <param name="x">The input <c>[.., in_features]</c>.</param>
    /// <returns>The output <c>[.., out_features]</c>.</returns>
    public OnnxValue Linear(Linear linear, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(linear);
        Checked(x);
        using DisposeScope scope = NewDisposeScope();
        Tensor weight = linear.weight ?? throw new ArgumentException("Linear has no weight.", nameof(linear));
        if (x.Rank == 2)
        {
            OnnxValue w = ModuleWeight(linear, "linear_weight", () => weight);
            OnnxValue? b = linear.bias is { } bias ? ModuleWeight(linear, "linear_bias", () => bias) : null;
            return Emit("Gemm", [x, w, b], 2, IntAttr("transB", 1));
        }

        OnnxValue wt = ModuleWeight(linear, "linear_weight_t", () => weight.t());
        OnnxValue y = MatMul(x, wt);
        return linear.bias is { } linearBias ? Add(y, ModuleWeight(linear, "linear_bias", () => linearBias)) : y;
    }

    /// <summary>
    /// Exports <c>nn.Conv1d</c>, <c>nn.Conv2d</c> or <c>nn.Conv3d</c> (<c>Conv</c>) with the module's stride, dilation,
    /// groups and padding. <c>Padding.Same</c> becomes explicit pads as PyTorch computes them: total
    /// <c>dilation * (kernel - 1)</c>, half at the start and the rest (one more for an even kernel) at the end.
    /// </summary>
    /// <param name="conv">The module (zero padding mode, not transposed).</param>
    /// <param name="x">The input <c>[batch, channels, spatial..]</c>.</param>
    /// <returns>The output.</returns>
    public OnnxValue Conv(Convolution conv, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(conv);
        int spatial = CheckConv(conv, x);
        long[] pads = new long[2 * spatial];
        if (conv.padding_type == Padding.Same)
        {
            for (int i = 0; i < spatial; i++)
            {
                long total = Pick(conv.dilation, i, 1) * (conv.kernel_size[i] - 1);
                pads[i] = total / 2;
                pads[spatial + i] = total - (total / 2);
            }
        }
        else if (conv.padding_type != Padding.Valid)
        {
            for (int i = 0; i < spatial; i++)
            {
                long p = Pick(conv.padding, i, 0);
                pads[i] = p;
                pads[spatial + i] = p;
            }
        }

        return ConvCore(conv, x, pads, autoPad: null);
    }

    /// <summary>Exports a convolution with explicit, possibly asymmetric ONNX pads, ignoring the module's own padding.</summary>
    /// <param name="conv">The module (created with padding 0, which is how TorchSharp computes <c>conv(F.pad(x, ..))</c>).</param>
    /// <param name="x">The input.</param>
    /// <param name="pads">ONNX order: the begins of every spatial dimension, then the ends.</param>
    /// <returns>The output.</returns>
    public OnnxValue Conv(Convolution conv, OnnxValue x, long[] pads)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(pads);
        int spatial = CheckConv(conv, x);
        if (pads.Length != 2 * spatial)
        {
            throw new ArgumentException($"A {spatial}-D convolution needs {2 * spatial} pads, got {pads.Length}.", nameof(pads));
        }

        return ConvCore(conv, x, pads, autoPad: null);
    }

    /// <summary>
    /// Exports a convolution with Keras/TensorFlow "same" padding for any stride (<c>auto_pad=SAME_UPPER</c>): the output
    /// has <c>ceil(length / stride)</c> steps and the pads, computed at run time from the actual length, put the odd one at
    /// the end. The module's own padding is ignored (create it with padding 0).
    /// </summary>
    /// <param name="conv">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The output.</returns>
    public OnnxValue ConvSameUpper(Convolution conv, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(conv);
        CheckConv(conv, x);
        return ConvCore(conv, x, pads: null, autoPad: "SAME_UPPER");
    }

    /// <summary>
    /// Exports <c>nn.BatchNorm1d/2d/3d</c> in inference mode (<c>BatchNormalization</c> with the running mean and variance).
    /// </summary>
    /// <param name="batchNorm">The module; it must track running statistics.</param>
    /// <param name="x">The input <c>[batch, channels, ..]</c>.</param>
    /// <returns>The normalised value.</returns>
    public OnnxValue BatchNorm(BatchNorm batchNorm, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(batchNorm);
        Checked(x);
        if (!batchNorm.track_running_stats || batchNorm.running_mean is null || batchNorm.running_var is null)
        {
            throw new NotSupportedException("BatchNorm without running statistics normalises with batch statistics even in eval mode; it cannot be exported.");
        }

        using DisposeScope scope = NewDisposeScope();
        long c = batchNorm.num_features;
        OnnxValue scale = AddInitializer("bn_scale", batchNorm.weight is null ? ones(c) : batchNorm.weight);
        OnnxValue bias = AddInitializer("bn_bias", batchNorm.bias is null ? zeros(c) : batchNorm.bias);
        OnnxValue mean = AddInitializer("bn_mean", batchNorm.running_mean.to_type(ScalarType.Float32));
        OnnxValue variance = AddInitializer("bn_var", batchNorm.running_var.to_type(ScalarType.Float32));
        return Emit("BatchNormalization", [x, scale, bias, mean, variance], x.Rank, FloatAttr("epsilon", (float)batchNorm.eps));
    }

    /// <summary>Exports <c>nn.LayerNorm</c> (<c>LayerNormalization</c>, opset 17) over its trailing <c>normalized_shape</c> dimensions.</summary>
    /// <param name="layerNorm">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The normalised value.</returns>
    public OnnxValue LayerNorm(LayerNorm layerNorm, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(layerNorm);
        Checked(x);
        using DisposeScope scope = NewDisposeScope();
        long[] shape = layerNorm.normalized_shape;
        OnnxValue scale = AddInitializer("ln_scale", layerNorm.weight is null ? ones(shape) : layerNorm.weight);
        OnnxValue? bias = layerNorm.bias is null ? null : AddInitializer("ln_bias", layerNorm.bias);
        return Emit("LayerNormalization", [x, scale, bias], x.Rank, IntAttr("axis", -shape.Length), FloatAttr("epsilon", (float)layerNorm.eps));
    }

    /// <summary>Exports <c>nn.Embedding</c> (<c>Gather</c> of the weight rows by int64 indices).</summary>
    /// <param name="embedding">The module.</param>
    /// <param name="indices">The int64 indices.</param>
    /// <returns>The embeddings <c>[.., dim]</c>.</returns>
    public OnnxValue Embedding(Embedding embedding, OnnxValue indices)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        using DisposeScope scope = NewDisposeScope();
        OnnxValue w = AddInitializer("embedding_weight", embedding.weight ?? throw new ArgumentException("Embedding has no weight.", nameof(embedding)));
        return Gather(w, Checked(indices), 0);
    }

    /// <summary>Dropout in inference mode: the identity; nothing is emitted.</summary>
    /// <param name="x">The input.</param>
    /// <returns><paramref name="x"/> itself.</returns>
    public OnnxValue Dropout(OnnxValue x) => Checked(x);

    /// <summary><c>Relu</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Relu(OnnxValue x) => Emit("Relu", [Checked(x)], x.Rank);

    /// <summary><c>Tanh</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Tanh(OnnxValue x) => Emit("Tanh", [Checked(x)], x.Rank);

    /// <summary><c>Sigmoid</c>.</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Sigmoid(OnnxValue x) => Emit("Sigmoid", [Checked(x)], x.Rank);

    /// <summary>Exact GELU <c>0.5 * x * (1 + erf(x / sqrt(2)))</c> from <c>Erf</c> (the <c>Gelu</c> operator needs opset 20).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Gelu(OnnxValue x)
    {
        Checked(x);
        OnnxValue erf = Emit("Erf", [Div(x, FloatScalar(MathF.Sqrt(2f)))], x.Rank);
        OnnxValue onePlus = Add(erf, FloatScalar(1f));
        return Mul(Mul(x, onePlus), FloatScalar(0.5f));
    }

    /// <summary>
    /// GELU as <c>nn.GELU</c> computes it: exact (<see cref="Gelu(OnnxValue)"/>) or, with <c>approximate: tanh</c>,
    /// <c>0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))</c>.
    /// </summary>
    /// <param name="gelu">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Gelu(GELU gelu, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(gelu);
        if (gelu.approximate != GELU.Approximate.tanh)
        {
            return Gelu(x);
        }

        Checked(x);
        OnnxValue cube = Mul(Mul(x, x), x);
        OnnxValue inner = Mul(Add(x, Mul(cube, FloatScalar(0.044715f))), FloatScalar(MathF.Sqrt(2f / MathF.PI)));
        OnnxValue onePlus = Add(Tanh(inner), FloatScalar(1f));
        return Mul(Mul(x, onePlus), FloatScalar(0.5f));
    }

    /// <summary>Exports <c>nn.Dropout</c> in inference mode: the identity; nothing is emitted.</summary>
    /// <param name="dropout">The module (its rate does not matter at inference).</param>
    /// <param name="x">The input.</param>
    /// <returns><paramref name="x"/> itself.</returns>
    public OnnxValue Dropout(TorchSharp.Modules.Dropout dropout, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(dropout);
        return Checked(x);
    }

    /// <summary>Exports <c>nn.Softmax</c> along its <c>dim</c>.</summary>
    /// <param name="softmax">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The probabilities.</returns>
    public OnnxValue Softmax(TorchSharp.Modules.Softmax softmax, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(softmax);
        return Softmax(x, softmax.dim);
    }

    /// <summary>Exports <c>nn.LogSoftmax</c> along its <c>dim</c>.</summary>
    /// <param name="logSoftmax">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The log-probabilities.</returns>
    public OnnxValue LogSoftmax(TorchSharp.Modules.LogSoftmax logSoftmax, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(logSoftmax);
        return LogSoftmax(x, logSoftmax.dim);
    }

    /// <summary>Exports <c>nn.LeakyReLU</c> with its <c>negative_slope</c>.</summary>
    /// <param name="leakyRelu">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue LeakyRelu(LeakyReLU leakyRelu, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(leakyRelu);
        return LeakyRelu(x, leakyRelu.negative_slope);
    }

    /// <summary>Exports <c>nn.ELU</c> with its <c>alpha</c>.</summary>
    /// <param name="elu">The module.</param>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public OnnxValue Elu(ELU elu, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(elu);
        return Elu(x, elu.alpha);
    }

    /// <summary><c>Softmax</c> along one axis (like <c>F.softmax(x, dim)</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis.</param>
    /// <returns>The probabilities.</returns>
    public OnnxValue Softmax(OnnxValue x, long axis = -1) => Emit("Softmax", [Checked(x)], x.Rank, IntAttr("axis", axis));

    /// <summary><c>LogSoftmax</c> along one axis (like <c>F.log_softmax(x, dim)</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis.</param>
    /// <returns>The log-probabilities.</returns>
    public OnnxValue LogSoftmax(OnnxValue x, long axis = -1) => Emit("LogSoftmax", [Checked(x)], x.Rank, IntAttr("axis", axis));

    /// <summary><c>LeakyRelu</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="negativeSlope">The slope for negative inputs (PyTorch's default 0.01).</param>
    /// <returns>The activation.</returns>
    public OnnxValue LeakyRelu(OnnxValue x, double negativeSlope = 0.01) => Emit("LeakyRelu", [Checked(x)], x.Rank, FloatAttr("alpha", (float)negativeSlope));

    /// <summary><c>Elu</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The scale of the negative part (PyTorch's default 1).</param>
    /// <returns>The activation.</returns>
    public OnnxValue Elu(OnnxValue x, double alpha = 1.0) => Emit("Elu", [Checked(x)], x.Rank, FloatAttr("alpha", (float)alpha));

    /// <summary>Max pooling (<c>MaxPool</c>) over the trailing spatial dimensions with symmetric or asymmetric pads.</summary>
    /// <param name="x">The input <c>[batch, channels, spatial..]</c>.</param>
    /// <param name="kernel">The window per spatial dimension.</param>
    /// <param name="strides">Strides, or <see langword="null"/> for the window size (PyTorch's default).</param>
    /// <param name="pads">ONNX pads (begins, then ends), or <see langword="null"/> for none.</param>
    /// <param name="dilations">Dilations, or <see langword="null"/> for 1.</param>
    /// <param name="ceilMode">Whether the output size rounds up.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue MaxPool(OnnxValue x, long[] kernel, long[]? strides = null, long[]? pads = null, long[]? dilations = null, bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        CheckPool(x, kernel, strides, pads);
        var attributes = new System.Collections.Generic.List<Onnx.AttributeProto>
        {
            IntsAttr("kernel_shape", kernel),
            IntsAttr("strides", strides ?? kernel),
            IntsAttr("pads", pads ?? new long[2 * kernel.Length]),
            IntAttr("ceil_mode", ceilMode ? 1 : 0),
        };
        if (dilations is not null)
        {
            attributes.Add(IntsAttr("dilations", dilations));
        }

        return Emit("MaxPool", [x], x.Rank, [.. attributes]);
    }

    /// <summary>Average pooling (<c>AveragePool</c>) over the trailing spatial dimensions.</summary>
    /// <param name="x">The input <c>[batch, channels, spatial..]</c>.</param>
    /// <param name="kernel">The window per spatial dimension.</param>
    /// <param name="strides">Strides, or <see langword="null"/> for the window size.</param>
    /// <param name="pads">ONNX pads (begins, then ends), or <see langword="null"/> for none.</param>
    /// <param name="countIncludePad">Whether padded zeros count in the divisor (PyTorch's default <see langword="true"/>).</param>
    /// <param name="ceilMode">Whether the output size rounds up.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue AveragePool(OnnxValue x, long[] kernel, long[]? strides = null, long[]? pads = null, bool countIncludePad = true, bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        CheckPool(x, kernel, strides, pads);
        return Emit(
            "AveragePool",
            [x],
            x.Rank,
            IntsAttr("kernel_shape", kernel),
            IntsAttr("strides", strides ?? kernel),
            IntsAttr("pads", pads ?? new long[2 * kernel.Length]),
            IntAttr("count_include_pad", countIncludePad ? 1 : 0),
            IntAttr("ceil_mode", ceilMode ? 1 : 0));
    }

    /// <summary>Exports <c>nn.MaxPool1d</c>.</summary>
    /// <param name="pool">The module.</param>
    /// <param name="x">The input <c>[batch, channels, length]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue MaxPool(MaxPool1d pool, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(pool);
        long k = pool.kernel_size;
        long p = pool.padding ?? 0;
        return MaxPool(x, [k], [pool.stride ?? k], [p, p], [pool.dilation ?? 1], pool.ceil_mode);
    }

    /// <summary>Exports <c>nn.MaxPool2d</c>.</summary>
    /// <param name="pool">The module.</param>
    /// <param name="x">The input <c>[batch, channels, height, width]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue MaxPool(MaxPool2d pool, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return MaxPool(x, pool.kernel_size, pool.stride, SymmetricPads(pool.padding, pool.kernel_size.Length), pool.dilation, pool.ceil_mode);
    }

    /// <summary>Exports <c>nn.MaxPool3d</c>.</summary>
    /// <param name="pool">The module.</param>
    /// <param name="x">The input <c>[batch, channels, depth, height, width]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue MaxPool(MaxPool3d pool, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return MaxPool(x, pool.kernel_size, pool.stride, SymmetricPads(pool.padding, pool.kernel_size.Length), pool.dilation, pool.ceil_mode);
    }

    /// <summary>Exports <c>nn.AvgPool1d</c>.</summary>
    /// <param name="pool">The module.</param>
    /// <param name="x">The input <c>[batch, channels, length]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue AveragePool(AvgPool1d pool, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(pool);
        long k = pool.kernel_size;
        long p = pool.padding ?? 0;
        return AveragePool(x, [k], [pool.stride ?? k], [p, p], pool.count_include_pad, pool.ceil_mode);
    }

    /// <summary>Exports <c>nn.AvgPool2d</c> (without <c>divisor_override</c>).</summary>
    /// <param name="pool">The module.</param>
    /// <param name="x">The input <c>[batch, channels, height, width]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue AveragePool(AvgPool2d pool, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(pool);
        NoDivisorOverride(pool.divisor_override);
        return AveragePool(x, pool.kernel_size, pool.stride, SymmetricPads(pool.padding, pool.kernel_size.Length), pool.count_include_pad, pool.ceil_mode);
    }

    /// <summary>Exports <c>nn.AvgPool3d</c> (without <c>divisor_override</c>).</summary>
    /// <param name="pool">The module.</param>
    /// <param name="x">The input <c>[batch, channels, depth, height, width]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue AveragePool(AvgPool3d pool, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(pool);
        NoDivisorOverride(pool.divisor_override);
        return AveragePool(x, pool.kernel_size, pool.stride, SymmetricPads(pool.padding, pool.kernel_size.Length), pool.count_include_pad, pool.ceil_mode);
    }

    /// <summary>Global average pooling keeping size-1 spatial dimensions (<c>GlobalAveragePool</c>: <c>[B, C, 1, ..]</c>).</summary>
    /// <param name="x">The input <c>[batch, channels, spatial..]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue GlobalAveragePool(OnnxValue x) => Emit("GlobalAveragePool", [Checked(x)], x.Rank);

    /// <summary>Global max pooling keeping size-1 spatial dimensions (<c>GlobalMaxPool</c>: <c>[B, C, 1, ..]</c>).</summary>
    /// <param name="x">The input <c>[batch, channels, spatial..]</c>.</param>
    /// <returns>The pooled value.</returns>
    public OnnxValue GlobalMaxPool(OnnxValue x) => Emit("GlobalMaxPool", [Checked(x)], x.Rank);

    private OnnxValue ConvCore(Convolution conv, OnnxValue x, long[]? pads, string? autoPad)
    {
        using DisposeScope scope = NewDisposeScope();
        int spatial = conv.kernel_size.Length;
        OnnxValue w = AddInitializer("conv_weight", conv.weight ?? throw new ArgumentException("Convolution has no weight.", nameof(conv)));
        OnnxValue? b = conv.bias is null ? null : AddInitializer("conv_bias", conv.bias);
        var attributes = new System.Collections.Generic.List<Onnx.AttributeProto>
        {
            IntsAttr("kernel_shape", conv.kernel_size),
            IntsAttr("strides", Enumerable.Range(0, spatial).Select(i => Pick(conv.stride, i, 1))),
            IntsAttr("dilations", Enumerable.Range(0, spatial).Select(i => Pick(conv.dilation, i, 1))),
            IntAttr("group", conv.groups),
        };
        attributes.Add(autoPad is null ? IntsAttr("pads", pads!) : StringAttr("auto_pad", autoPad));
        return Emit("Conv", [x, w, b], x.Rank, [.. attributes]);
    }

    private static int CheckConv(Convolution conv, OnnxValue x)
    {
        Checked(x);
        if (conv.transposed)
        {
            throw new NotSupportedException("Transposed convolutions are not exported.");
        }

        if (conv.padding_mode != PaddingModes.Zeros && conv.padding_mode != PaddingModes.Constant)
        {
            throw new NotSupportedException($"Convolution padding mode {conv.padding_mode} is not exported; only zero padding is.");
        }

        int spatial = conv.kernel_size.Length;
        if (x.Rank != spatial + 2)
        {
            throw new ArgumentException($"A {spatial}-D convolution needs a rank-{spatial + 2} input, got {x}.", nameof(x));
        }

        return spatial;
    }

    private static void CheckPool(OnnxValue x, long[] kernel, long[]? strides, long[]? pads)
    {
        Checked(x);
        if (x.Rank != kernel.Length + 2 || (strides is not null && strides.Length != kernel.Length) || (pads is not null && pads.Length != 2 * kernel.Length))
        {
            throw new ArgumentException($"A {kernel.Length}-D pool needs a rank-{kernel.Length + 2} input ({x}), {kernel.Length} strides and {2 * kernel.Length} pads.");
        }
    }

    private static long[]? SymmetricPads(long[]? padding, int spatial)
    {
        if (padding is null)
        {
            return null;
        }

        return Enumerable.Range(0, 2 * spatial).Select(i => Pick(padding, i % spatial, 0)).ToArray();
    }

    private static long Pick(long[]? values, int index, long fallback)
        => values is null || values.Length == 0 ? fallback : values.Length == 1 ? values[0] : values[index];

    private static void NoDivisorOverride(long? divisorOverride)
    {
        if (divisorOverride is not null)
        {
            throw new NotSupportedException("Average pooling with divisor_override is not exported.");
        }
    }
}
