using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Tensor = TorchSharp.torch.Tensor;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Native;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Inference;

/// <summary>
/// Runs an exported model with ONNX Runtime (all graph optimisations on; CPU unless asked for CUDA), taking the same
/// inputs as the TorchSharp module: the main float input and, for variable-length sequence models, the int64 lengths.
/// Shapes are checked against the model before running. Classifier helpers return the top-k labels from the model's
/// metadata with softmax probabilities.
/// </summary>
public sealed class OnnxPredictor : IDisposable
{
    private readonly InferenceSession session;
    private readonly Dictionary<string, OnnxTensorSpec> inputsByName;
    private bool disposed;

    /// <summary>Loads a model file.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file.</param>
    /// <param name="options">Execution options, or <see langword="null"/> for CPU defaults.</param>
    /// <exception cref="OnnxModelLoadException">
    /// The file does not exist, cannot be read, is not an ONNX model (text, a checkpoint, a truncated file), uses
    /// inputs or outputs this predictor does not support, or its metadata contradicts its outputs.
    /// </exception>
    public OnnxPredictor(string modelPath, OnnxPredictorOptions? options = null)
        : this(LoadSession(modelPath, options), modelPath)
    {
    }

    /// <summary>Loads a model from its bytes (e.g. <see cref="OnnxGraphBuilder.ToBytes"/>).</summary>
    /// <param name="model">The ONNX file content.</param>
    /// <param name="options">Execution options, or <see langword="null"/> for CPU defaults.</param>
    /// <exception cref="OnnxModelLoadException">The bytes are not an ONNX model this predictor supports.</exception>
    public OnnxPredictor(byte[] model, OnnxPredictorOptions? options = null)
        : this(LoadSession(model, options), "(bytes)")
    {
    }

    private OnnxPredictor((InferenceSession Session, string Provider, string? FallbackReason) loaded, string source)
    {
        session = loaded.Session;
        ExecutionProvider = loaded.Provider;
        GpuFallbackReason = loaded.FallbackReason;
        try
        {
            Inputs = session.InputNames.Select(n => Spec(n, session.InputMetadata[n])).ToArray();
            Outputs = session.OutputNames.Select(n => Spec(n, session.OutputMetadata[n])).ToArray();
            inputsByName = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
            Metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
            Labels = ReadLabels(Metadata);
            if (Labels.Count > 0 && Outputs.Count > 0 && Outputs[0].Dims.Count > 0 && Outputs[0].Dims[^1].Size is long classes && classes != Labels.Count)
            {
                throw new OnnxModelLoadException(source, $"has {Labels.Count} labels but its output '{Outputs[0].Name}' has {classes} classes.");
            }
        }
        catch (Exception ex) when (ex is not OnnxModelLoadException)
        {
            session.Dispose();
            throw new OnnxModelLoadException(source, $"cannot be used: {ex.Message}", ex);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The execution provider the model runs on: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Why CUDA was asked for (<see cref="OnnxPredictorOptions.UseGpu"/>) and the CPU is used instead; null otherwise.</summary>
    public string? GpuFallbackReason { get; }

    /// <summary>The model's inputs in declaration order.</summary>
    public IReadOnlyList<OnnxTensorSpec> Inputs { get; }

    /// <summary>The model's outputs in declaration order.</summary>
    public IReadOnlyList<OnnxTensorSpec> Outputs { get; }

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The class labels (<see cref="OnnxMetadataKeys.Labels"/>), empty when the model has none.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>
    /// Runs the model on the main input (the first float input) and optional lengths (the first int64 input); returns
    /// the first output.
    /// </summary>
    /// <param name="input">The input, shaped as the TorchSharp module takes it.</param>
    /// <param name="lengths">The int64 <c>[batch]</c> lengths for a model that takes them.</param>
    /// <returns>The first output as a new tensor (float32, or int64 for an int64 output) in the caller's dispose scope.</returns>
    /// <exception cref="ArgumentException">An input's shape does not fit the model, or an input is missing or extra.</exception>
    public Tensor Predict(Tensor input, Tensor? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        Dictionary<string, Tensor> feeds = MainFeeds(input, lengths);
        IReadOnlyDictionary<string, Tensor> outputs = Run(feeds, [Outputs[0].Name]);
        return outputs[Outputs[0].Name];
    }

    /// <summary>Runs the model on raw values; returns the first output as values and shape.</summary>
    /// <param name="data">The main input's values, row-major.</param>
    /// <param name="shape">The main input's shape.</param>
    /// <param name="lengths">The lengths for a model that takes them.</param>
    /// <returns>The first output.</returns>
    /// <exception cref="ArgumentException">A shape does not fit the model, or an input is missing or extra.</exception>
    public OnnxTensorData Predict(float[] data, long[] shape, long[]? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        (OnnxTensorSpec main, OnnxTensorSpec? lengthSpec) = MainInputs(lengths is not null);
        main.EnsureAccepts(shape);
        if (shape.Aggregate(1L, (a, b) => a * b) != data.Length)
        {
            throw new ArgumentException($"input '{main.Name}' has shape [{string.Join(", ", shape)}] but {data.Length} values.", nameof(data));
        }

        var names = new List<string> { main.Name };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(data, shape) };
        try
        {
            if (lengthSpec is not null)
            {
                long[] lengthShape = [lengths!.Length];
                lengthSpec.EnsureAccepts(lengthShape);
                names.Add(lengthSpec.Name);
                values.Add(OrtValue.CreateTensorValueFromMemory(lengths, lengthShape));
            }

            using RunOptions runOptions = new();
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, names, values, [Outputs[0].Name]);
            OrtValue result = results.First();
            return new OnnxTensorData(Outputs[0].Name, ReadFloats(result, Outputs[0].Name), result.GetTensorTypeAndShape().Shape);
        }
        finally
        {
            foreach (OrtValue v in values)
            {
                v.Dispose();
            }
        }
    }

    /// <summary>Runs the model on named inputs (float32 or int64 tensors); returns every requested output.</summary>
    /// <param name="inputs">One tensor per model input, by name.</param>
    /// <param name="outputNames">The outputs to compute, or <see langword="null"/> for all.</param>
    /// <returns>The outputs by name, as new TorchSharp tensors (float32 or int64).</returns>
    /// <exception cref="ArgumentException">An input is missing, unknown, of the wrong element type or shape.</exception>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(disposed, this);
        TorchNative.EnsureLoaded();
        foreach (string name in inputs.Keys.Where(n => !inputsByName.ContainsKey(n)))
        {
            throw new ArgumentException($"The model has no input '{name}'; its inputs are {Describe(Inputs)}.", nameof(inputs));
        }

        OnnxTensorSpec? missing = Inputs.FirstOrDefault(i => !inputs.ContainsKey(i.Name));
        if (missing is not null)
        {
            throw new ArgumentException($"input '{missing.Name}' {missing.ShapeText} is missing.", nameof(inputs));
        }

        IReadOnlyList<string> wanted = outputNames ?? Outputs.Select(o => o.Name).ToArray();
        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            foreach (OnnxTensorSpec spec in Inputs)
            {
                Tensor t = inputs[spec.Name];
                spec.EnsureAccepts(t.shape);
                names.Add(spec.Name);
                values.Add(ToOrtValue(spec, t));
            }

            using RunOptions runOptions = new();
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, names, values, wanted);
            var outputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            int k = 0;
            foreach (OrtValue result in results)
            {
                string name = wanted[k++];
                OrtTensorTypeAndShapeInfo info = result.GetTensorTypeAndShape();
                outputs[name] = info.ElementDataType switch
                {
                    TensorElementType.Float => tensor(result.GetTensorDataAsSpan<float>().ToArray(), info.Shape),
                    TensorElementType.Int64 => tensor(result.GetTensorDataAsSpan<long>().ToArray(), info.Shape),
                    _ => throw new NotSupportedException($"Output '{name}' has element type {info.ElementDataType}; only float32 and int64 outputs are read."),
                };
            }

            return outputs;
        }
        finally
        {
            foreach (OrtValue v in values)
            {
                v.Dispose();
            }
        }
    }

    /// <summary>The <paramref name="k"/> most likely classes per batch row, with probabilities.</summary>
    /// <param name="input">The main input.</param>
    /// <param name="k">How many classes per row (at most the number of classes).</param>
    /// <param name="lengths">The lengths for a model that takes them.</param>
    /// <returns>One list per batch row, most likely first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or above the number of classes (ask for <c>Math.Min(k, Labels.Count)</c>).</exception>
    public IReadOnlyList<IReadOnlyList<OnnxPrediction>> TopK(Tensor input, int k, Tensor? lengths = null)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor output = Predict(input, lengths).to_type(ScalarType.Float32).contiguous();
        return TopKOf(TensorCopy.ToArray<float>(output), output.shape, k);
    }

    /// <summary>The <paramref name="k"/> most likely classes per batch row, from raw input values.</summary>
    /// <param name="data">The main input's values.</param>
    /// <param name="shape">The main input's shape.</param>
    /// <param name="k">How many classes per row.</param>
    /// <param name="lengths">The lengths for a model that takes them.</param>
    /// <returns>One list per batch row, most likely first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or above the number of classes (ask for <c>Math.Min(k, Labels.Count)</c>).</exception>
    public IReadOnlyList<IReadOnlyList<OnnxPrediction>> TopK(float[] data, long[] shape, int k, long[]? lengths = null)
    {
        OnnxTensorData output = Predict(data, shape, lengths);
        return TopKOf(output.Data, output.Shape, k);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            session.Dispose();
        }
    }

    private IReadOnlyList<IReadOnlyList<OnnxPrediction>> TopKOf(float[] values, long[] shape, int k)
    {
        if (shape.Length != 2)
        {
            throw new InvalidOperationException($"Top-k needs a [batch, classes] output; '{Outputs[0].Name}' is [{string.Join(", ", shape)}].");
        }

        int rows = (int)shape[0];
        int classes = (int)shape[1];
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, classes);
        Metadata.TryGetValue(OnnxMetadataKeys.OutputKind, out string? kind);
        var result = new IReadOnlyList<OnnxPrediction>[rows];
        for (int r = 0; r < rows; r++)
        {
            double[] p = Probabilities(values.AsSpan(r * classes, classes), kind);
            result[r] = Enumerable.Range(0, classes)
                .OrderByDescending(c => p[c])
                .ThenBy(c => c)
                .Take(k)
                .Select(c => new OnnxPrediction(c, c < Labels.Count ? Labels[c] : c.ToString(CultureInfo.InvariantCulture), (float)p[c]))
                .ToArray();
        }

        return result;
    }

    private static double[] Probabilities(ReadOnlySpan<float> row, string? kind)
    {
        var p = new double[row.Length];
        switch (kind)
        {
            case "probabilities":
                for (int i = 0; i < row.Length; i++)
                {
                    p[i] = row[i];
                }

                return p;
            case "log_probabilities":
                for (int i = 0; i < row.Length; i++)
                {
                    p[i] = Math.Exp(row[i]);
                }

                return p;
            default:
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

                for (int i = 0; i < p.Length; i++)
                {
                    p[i] /= sum;
                }

                return p;
        }
    }

    private Dictionary<string, Tensor> MainFeeds(Tensor input, Tensor? lengths)
    {
        (OnnxTensorSpec main, OnnxTensorSpec? lengthSpec) = MainInputs(lengths is not null);
        var feeds = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [main.Name] = input };
        if (lengthSpec is not null)
        {
            feeds[lengthSpec.Name] = lengths!;
        }

        return feeds;
    }

    private (OnnxTensorSpec Main, OnnxTensorSpec? Lengths) MainInputs(bool lengthsGiven)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        OnnxTensorSpec main = Inputs.FirstOrDefault(i => i.ElementType == OnnxElementType.Float)
            ?? throw new InvalidOperationException($"The model has no float input; its inputs are {Describe(Inputs)}.");
        OnnxTensorSpec? lengthSpec = Inputs.FirstOrDefault(i => i.ElementType == OnnxElementType.Int64);
        if (lengthSpec is null && lengthsGiven)
        {
            throw new ArgumentException($"The model takes no lengths; its inputs are {Describe(Inputs)}.");
        }

        if (lengthSpec is not null && !lengthsGiven)
        {
            throw new ArgumentException($"input '{lengthSpec.Name}' {lengthSpec.ShapeText} (sequence lengths) is missing.");
        }

        OnnxTensorSpec? other = Inputs.FirstOrDefault(i => i != main && i != lengthSpec);
        if (other is not null)
        {
            throw new InvalidOperationException($"The model has more inputs than a main input and lengths ({Describe(Inputs)}); use Run with named inputs.");
        }

        return (main, lengthSpec);
    }

    private static OrtValue ToOrtValue(OnnxTensorSpec spec, Tensor t)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor c = t.detach().cpu().contiguous();
        switch (spec.ElementType)
        {
            case OnnxElementType.Float when c.dtype == ScalarType.Float32:
                return OrtValue.CreateTensorValueFromMemory(TensorCopy.ToArray<float>(c), c.shape);
            case OnnxElementType.Int64 when c.dtype == ScalarType.Int64:
                return OrtValue.CreateTensorValueFromMemory(TensorCopy.ToArray<long>(c), c.shape);
            default:
                throw new ArgumentException($"input '{spec.Name}' expects {spec.ElementType} elements but got {c.dtype}.");
        }
    }

    private static float[] ReadFloats(OrtValue value, string name)
    {
        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        return info.ElementDataType == TensorElementType.Float
            ? value.GetTensorDataAsSpan<float>().ToArray()
            : throw new NotSupportedException($"Output '{name}' has element type {info.ElementDataType}, not float32.");
    }

    private static string Describe(IEnumerable<OnnxTensorSpec> specs) => string.Join(", ", specs.Select(s => $"'{s.Name}' {s.ShapeText}"));

    private static OnnxTensorSpec Spec(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            throw new NotSupportedException($"'{name}' is not a tensor ({metadata.OnnxValueType}); only tensor inputs and outputs are supported.");
        }

        OnnxElementType type = metadata.ElementDataType switch
        {
            TensorElementType.Float => OnnxElementType.Float,
            TensorElementType.Int64 => OnnxElementType.Int64,
            TensorElementType.Int32 => OnnxElementType.Int32,
            TensorElementType.Double => OnnxElementType.Double,
            TensorElementType.Bool => OnnxElementType.Bool,
            TensorElementType.UInt8 => OnnxElementType.UInt8,
            _ => throw new NotSupportedException($"'{name}' has element type {metadata.ElementDataType}."),
        };
        var dims = new OnnxDim[metadata.Dimensions.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            string symbol = i < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[i] : string.Empty;
            dims[i] = metadata.Dimensions[i] >= 0 && string.IsNullOrEmpty(symbol)
                ? OnnxDim.Fixed(metadata.Dimensions[i])
                : OnnxDim.Symbolic(string.IsNullOrEmpty(symbol) ? "?" : symbol);
        }

        return new OnnxTensorSpec(name, type, dims);
    }

    private static IReadOnlyList<string> ReadLabels(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(OnnxMetadataKeys.Labels, out string? json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException ex)
        {
            throw new FormatException($"metadata '{OnnxMetadataKeys.Labels}' is not a JSON array of strings: {ex.Message}", ex);
        }
    }

    private static (InferenceSession, string, string?) LoadSession(string modelPath, OnnxPredictorOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (Directory.Exists(modelPath))
        {
            throw new OnnxModelLoadException(modelPath, "is a folder, not an ONNX model file.");
        }

        if (!File.Exists(modelPath))
        {
            throw new OnnxModelLoadException(modelPath, "does not exist.", new FileNotFoundException(null, modelPath));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(modelPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OnnxModelLoadException(modelPath, $"cannot be read: {ex.Message}", ex);
        }

        return CreateSession(bytes, modelPath, options ?? new OnnxPredictorOptions());
    }

    private static (InferenceSession, string, string?) LoadSession(byte[] model, OnnxPredictorOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        return CreateSession(model, "(bytes)", options ?? new OnnxPredictorOptions());
    }

    private static (InferenceSession Session, string Provider, string? FallbackReason) CreateSession(byte[] model, string source, OnnxPredictorOptions options)
    {
        string? fallback = null;
        if (options.UseGpu)
        {
            fallback = TryCuda(options, out SessionOptions? gpuOptions);
            if (gpuOptions is not null)
            {
                using (gpuOptions)
                {
                    return (NewSession(model, source, gpuOptions), "CUDA", null);
                }
            }

            (options.Log ?? Console.Error).WriteLine($"ONNX Runtime: CUDA is not available ({fallback}); running on the CPU.");
        }

        using SessionOptions cpu = BaseOptions(options);
        return (NewSession(model, source, cpu), "CPU", fallback);
    }

    private static InferenceSession NewSession(byte[] model, string source, SessionOptions options)
    {
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            string reason = ex.Message.Contains("Protobuf parsing failed", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("InvalidProtobuf", StringComparison.OrdinalIgnoreCase)
                ? "is not an ONNX model (the file is not an ONNX protobuf: text, a checkpoint or a truncated file?)"
                : "cannot be loaded by ONNX Runtime: " + OneLine(ex.Message);
            throw new OnnxModelLoadException(source, reason + ".", ex);
        }
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).TrimEnd('.');

    private static SessionOptions BaseOptions(OnnxPredictorOptions options)
    {
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
        }

        return sessionOptions;
    }

    // CUDA session options, or null with the reason CUDA cannot be used.
    private static string? TryCuda(OnnxPredictorOptions options, out SessionOptions? cuda)
    {
        cuda = null;
#if QD_ONNX_GPU
        SessionOptions sessionOptions = BaseOptions(options);
        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.GpuDeviceId);
            cuda = sessionOptions;
            return null;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            sessionOptions.Dispose();
            return OneLine(ex.Message);
        }
#else
        _ = options;
        return "this build uses the CPU ONNX Runtime; rebuild with -p:QdOnnxRuntimeBackend=gpu on a machine with CUDA";
#endif
    }
}
