using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>
/// Label-aware predictions from a classifier, with the same API whether a TorchSharp module
/// (<see cref="FromModel"/>) or an exported ONNX model run by ONNX Runtime (<see cref="FromOnnx(string, OnnxPredictorOptions?)"/>)
/// is behind it: a sample's values in, its label and every class's probability out. A generated per-model predictor
/// wraps it with typed input records; it can be used directly with the input's shape.
/// </summary>
public sealed class ClassificationPredictor : IDisposable
{
    private readonly Func<float[], long[], long[]?, (float[] Values, long[] Shape)> run;
    private readonly IDisposable? owned;
    private readonly ClassifierOutput output;
    private bool disposed;

    private ClassificationPredictor(Func<float[], long[], long[]?, (float[] Values, long[] Shape)> run, IReadOnlyList<string> labels, ClassifierOutput output, string backend, IDisposable? owned)
    {
        this.run = run;
        this.output = output;
        this.owned = owned;
        Labels = labels;
        Backend = backend;
    }

    /// <summary>The class labels, in output order (empty when the model has none: labels are then the indices).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>What runs the model: <c>TorchSharp</c>, <c>ONNX Runtime (CPU)</c> or <c>ONNX Runtime (CUDA)</c>.</summary>
    public string Backend { get; }

    /// <summary>Predicts with a TorchSharp module (eval mode, no gradients). The predictor does not dispose the model.</summary>
    /// <param name="model">The classifier; a generated model (<see cref="IGeneratedModel"/>) brings its labels.</param>
    /// <param name="output">What its last layer outputs.</param>
    /// <param name="labels">Labels (null: a generated model's, e.g. as returned by <c>ModelWeights.Load</c>; else none).</param>
    /// <returns>The predictor.</returns>
    public static ClassificationPredictor FromModel(torch.nn.Module<torch.Tensor, torch.Tensor> model, ClassifierOutput output = ClassifierOutput.Logits, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        TorchNative.EnsureLoaded();
        IReadOnlyList<string> names = labels ?? (model as IGeneratedModel)?.Info.Labels ?? [];
        (float[], long[]) Run(float[] data, long[] shape, long[]? lengths)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.eval();
            torch.Tensor input = torch.tensor(data, shape);
            torch.Tensor result = lengths is not null && model is ISequenceModel sequence
                ? sequence.forward(input, torch.tensor(lengths))
                : model.call(input);
            result = result.to_type(torch.float32).cpu().contiguous();
            return (TensorCopy.ToArray<float>(result), result.shape);
        }

        return new ClassificationPredictor(Run, names, output, "TorchSharp", null);
    }

    /// <summary>Predicts with an exported model (<c>model.onnx</c>); labels and output kind come from its metadata.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file.</param>
    /// <param name="options">Execution options (null: CPU).</param>
    /// <returns>The predictor, which owns the ONNX Runtime session.</returns>
    /// <exception cref="OnnxModelLoadException">The file is missing or not a model this runtime supports.</exception>
    public static ClassificationPredictor FromOnnx(string modelPath, OnnxPredictorOptions? options = null) =>
        FromOnnx(new OnnxPredictor(modelPath, options), ownsPredictor: true);

    /// <summary>Predicts with an already loaded <see cref="OnnxPredictor"/>.</summary>
    /// <param name="predictor">The ONNX Runtime session.</param>
    /// <param name="ownsPredictor">Dispose <paramref name="predictor"/> with this object.</param>
    /// <returns>The predictor.</returns>
    public static ClassificationPredictor FromOnnx(OnnxPredictor predictor, bool ownsPredictor = false)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        predictor.Metadata.TryGetValue(OnnxMetadataKeys.OutputKind, out string? kind);
        ClassifierOutput output = kind switch
        {
            "probabilities" => ClassifierOutput.Probabilities,
            "log_probabilities" => ClassifierOutput.LogProbabilities,
            _ => ClassifierOutput.Logits,
        };
        (float[], long[]) Run(float[] data, long[] shape, long[]? lengths)
        {
            OnnxTensorData result = predictor.Predict(data, shape, lengths);
            return (result.Data, result.Shape);
        }

        return new ClassificationPredictor(Run, predictor.Labels, output, $"ONNX Runtime ({predictor.ExecutionProvider})", ownsPredictor ? predictor : null);
    }

    /// <summary>Predicts one sample.</summary>
    /// <param name="sample">The sample's values, row-major.</param>
    /// <param name="sampleShape">Its shape without the batch axis (e.g. <c>[time, 3]</c> as <c>[42, 3]</c>).</param>
    /// <param name="length">Its valid length, for a variable-length sequence model.</param>
    /// <returns>The label and every class ranked.</returns>
    /// <exception cref="ArgumentException">The values do not fill the shape.</exception>
    public ClassPrediction Predict(float[] sample, long[] sampleShape, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        return PredictBatch(sample, [1, .. sampleShape], length is long l ? [l] : null)[0];
    }

    /// <summary>Predicts a batch.</summary>
    /// <param name="data">The batch's values, row-major.</param>
    /// <param name="shape">The batch's shape, batch axis first.</param>
    /// <param name="lengths">Valid lengths per sample, for a variable-length sequence model.</param>
    /// <returns>One prediction per sample.</returns>
    /// <exception cref="ArgumentException">The values do not fill the shape, or the output is not <c>[batch, classes]</c> with one class per label.</exception>
    public IReadOnlyList<ClassPrediction> PredictBatch(float[] data, long[] shape, long[]? lengths = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long expected = shape.Aggregate(1L, (a, d) => a * d);
        if (shape.Length == 0 || shape.Any(d => d < 1) || expected != data.Length)
        {
            throw new ArgumentException($"{data.Length} values do not fill the shape [{string.Join(", ", shape)}] ({expected} values).", nameof(data));
        }

        (float[] values, long[] outShape) = run(data, shape, lengths);
        if (outShape.Length != 2)
        {
            throw new ArgumentException($"the model's output is [{string.Join(", ", outShape)}]; a classifier's is [batch, classes].", nameof(data));
        }

        int rows = (int)outShape[0], classes = (int)outShape[1];
        if (Labels.Count > 0 && Labels.Count != classes)
        {
            throw new ArgumentException($"the model outputs {classes} classes but has {Labels.Count} labels: pass the labels it was trained with.", nameof(data));
        }

        var result = new ClassPrediction[rows];
        for (int r = 0; r < rows; r++)
        {
            double[] p = ToProbabilities(values.AsSpan(r * classes, classes));
            result[r] = new ClassPrediction(Enumerable.Range(0, classes)
                .OrderByDescending(c => p[c]).ThenBy(c => c)
                .Select(c => new ClassScore(c, c < Labels.Count ? Labels[c] : c.ToString(CultureInfo.InvariantCulture), (float)p[c]))
                .ToArray());
        }

        return result;
    }

    /// <summary>Disposes the ONNX Runtime session when this predictor owns it (never the TorchSharp model).</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            owned?.Dispose();
        }
    }

    private double[] ToProbabilities(ReadOnlySpan<float> row)
    {
        var p = new double[row.Length];
        if (output == ClassifierOutput.Probabilities)
        {
            for (int i = 0; i < row.Length; i++)
            {
                p[i] = row[i];
            }

            return p;
        }

        if (output == ClassifierOutput.LogProbabilities)
        {
            for (int i = 0; i < row.Length; i++)
            {
                p[i] = Math.Exp(row[i]);
            }

            return p;
        }

        double max = double.NegativeInfinity;
        foreach (float v in row)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            p[i] = Math.Exp(row[i] - max);
            sum += p[i];
        }

        for (int i = 0; i < row.Length; i++)
        {
            p[i] /= sum;
        }

        return p;
    }
}
