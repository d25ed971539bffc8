namespace QuickDrawDsl.Runtime.Export;

/// <summary>Keys of the <c>metadata_props</c> QuickDrawDsl writes into its ONNX models and reads back for inference.</summary>
public static class OnnxMetadataKeys
{
    /// <summary>Class labels of a classifier, a JSON array of strings in output order.</summary>
    public const string Labels = "qd.labels";

    /// <summary>How the inputs were normalised before training (free-form JSON, e.g. <c>{"mean":[..],"std":[..]}</c>).</summary>
    public const string InputNormalization = "qd.input_normalization";

    /// <summary>
    /// The preprocessing a model's inputs went through in training, as JSON an inference front end reads to apply the
    /// same (e.g. the QuickDraw example's <c>{"pipeline":"quickdraw-strokes","version":1,...}</c>).
    /// </summary>
    public const string Preprocessing = "qd.preprocessing";

    /// <summary>What the first output holds: <c>logits</c> (default), <c>probabilities</c> or <c>log_probabilities</c>.</summary>
    public const string OutputKind = "qd.output_kind";

    /// <summary>The model's name in its QuickDrawDsl specification.</summary>
    public const string ModelName = "qd.model_name";

    /// <summary>The archetype of a generated model: <c>sequential</c>, <c>seq2vec</c>, <c>seq2seq</c> or <c>vec2seq</c>.</summary>
    public const string ModelKind = "qd.model_kind";

    /// <summary>The main input's shape as the spec writes it, batch first, e.g. <c>[batch, time, 3]</c>.</summary>
    public const string InputShape = "qd.input_shape";
}
