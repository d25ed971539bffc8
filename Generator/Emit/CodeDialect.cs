namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// The statements one emitter writes for the steps both emitters share: the module's forward in TorchSharp calls,
/// and its ONNX export in graph-builder calls. Everything else about walking the layers is common.
/// </summary>
internal abstract class CodeDialect
{
    public static CodeDialect TorchSharp { get; } = new TorchSharpDialect();

    public static CodeDialect Onnx { get; } = new OnnxDialect();

    /// <summary>Swaps a sequence between [B, T, C] and [B, C, T].</summary>
    public abstract string Transpose { get; }

    /// <summary>Sets padded steps to zero, or to -inf before max pooling.</summary>
    public abstract string Mask(string timeDim, bool negativeInfinity);

    /// <summary>The call that updates lengths after a window op (its arguments follow).</summary>
    public abstract string WindowLengths { get; }

    /// <summary>Applies an activation; <paramref name="feature"/> is the feature axis for softmax.</summary>
    public abstract string Activation(string fn, string feature);

    /// <summary>Runs a layer backed by one submodule field (dense, dropout, batchnorm, layernorm, embedding) on x; <paramref name="field"/> is the field's generated name.</summary>
    public abstract string CallModule(string type, string field);

    private sealed class TorchSharpDialect : CodeDialect
    {
        public override string Transpose => "x = x.transpose(1, 2);";

        public override string CallModule(string type, string field) => $"x = {field}.forward(x);";

        public override string WindowLengths => "lengths = " + TypeNames.SequenceOps + ".WindowLengths";

        public override string Mask(string timeDim, bool negativeInfinity) => negativeInfinity
            ? $"x = {TypeNames.SequenceOps}.MaskTime(x, lengths, timeDim: {timeDim}, value: double.NegativeInfinity);"
            : $"x = {TypeNames.SequenceOps}.MaskTime(x, lengths, timeDim: {timeDim});";

        public override string Activation(string fn, string feature) => fn switch
        {
            "relu" => "x = x.relu();",
            "tanh" => "x = x.tanh();",
            "sigmoid" => "x = x.sigmoid();",
            "gelu" => $"x = {TypeNames.Functional}.gelu(x);",
            "softmax" => $"x = x.softmax({feature});",
            "log_softmax" => $"x = x.log_softmax({feature});",
            "leaky_relu" => $"x = {TypeNames.Functional}.leaky_relu(x, 0.01);",
            "elu" => $"x = {TypeNames.Functional}.elu(x, 1.0);",
            _ => $"x = {TypeNames.Functional}.silu(x);",
        };
    }

    private sealed class OnnxDialect : CodeDialect
    {
        public override string Transpose => "x = onnx.Transpose(x, 0, 2, 1);";

        public override string CallModule(string type, string field)
        {
            string op = type switch
            {
                "dense" => "Linear",
                "dropout" => "Dropout",
                "batchnorm" => "BatchNorm",
                "layernorm" => "LayerNorm",
                _ => "Embedding",
            };
            return $"x = onnx.{op}(this.{field}, x);";
        }

        public override string WindowLengths => "lengths = onnx.WindowLengths";

        public override string Mask(string timeDim, bool negativeInfinity) => negativeInfinity
            ? $"x = onnx.MaskTime(x, lengths, timeDim: {timeDim}, value: float.NegativeInfinity);"
            : $"x = onnx.MaskTime(x, lengths, timeDim: {timeDim});";

        public override string Activation(string fn, string feature) => fn switch
        {
            "relu" => "x = onnx.Relu(x);",
            "tanh" => "x = onnx.Tanh(x);",
            "sigmoid" => "x = onnx.Sigmoid(x);",
            "gelu" => "x = onnx.Gelu(x);",
            "softmax" => $"x = onnx.Softmax(x, {feature});",
            "log_softmax" => $"x = onnx.LogSoftmax(x, {feature});",
            "leaky_relu" => "x = onnx.LeakyRelu(x, 0.01);",
            "elu" => "x = onnx.Elu(x);",
            _ => "x = onnx.Silu(x);",
        };
    }
}
