using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Google.Protobuf;
using QuickDrawDsl.Runtime.Export.Onnx;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>
/// Builds an ONNX model (opset 17) step by step, mirroring a TorchSharp forward pass: declare inputs, call one helper per
/// module or tensor operation (weights are copied by value into initializers), declare outputs, then
/// <see cref="Save"/>. Helpers that take TorchSharp modules export them in inference mode (BatchNorm uses its running
/// statistics, Dropout is the identity). A linear or recurrent module exported more than once by the same builder (the
/// cell and head of an unrolled decoder) stores its weights once, as they were at the first export.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The ONNX IR version written (8: ONNX 1.10+, read by every supported ONNX Runtime).</summary>
    public const long IrVersion = 8;

    /// <summary>The version of the default ONNX operator set the helpers emit.</summary>
    public const long OpsetVersion = 17;

    /// <summary>The <c>producer_name</c> written into every model.</summary>
    public const string ProducerName = "QuickDrawDsl";

    private readonly GraphProto graph = new();
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> metadata = [];
    private readonly Dictionary<string, OnnxValue> int64Constants = new(StringComparer.Ordinal);
    private readonly Dictionary<(object Module, string Slot), OnnxValue> moduleWeights = [];

    /// <summary>Starts an empty graph.</summary>
    /// <param name="graphName">The graph's name (e.g. the model class name).</param>
    public OnnxGraphBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        graph.Name = graphName;
        TorchNative.EnsureLoaded();
    }

    /// <summary>The model's <c>doc_string</c>.</summary>
    public string DocString { get; set; } = "Exported by QuickDrawDsl.";

    /// <summary>The number of nodes emitted so far.</summary>
    public int NodeCount => graph.Node.Count;

    /// <summary>The number of initializers (weights and constants) so far.</summary>
    public int InitializerCount => graph.Initializer.Count;

    /// <summary>The operator types of the nodes emitted so far, in order.</summary>
    public IReadOnlyList<string> OperatorTypes => graph.Node.Select(n => n.OpType).ToArray();

    /// <summary>Returns a name not used yet in the graph, derived from <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The stem, e.g. <c>"conv1"</c>.</param>
    /// <returns><paramref name="prefix"/> itself when free, else <c>prefix_N</c>.</returns>
    public string UniqueName(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (names.Add(prefix))
        {
            return prefix;
        }

        counters.TryGetValue(prefix, out int n);
        string candidate;
        do
        {
            n++;
            candidate = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{n}");
        }
        while (!names.Add(candidate));
        counters[prefix] = n;
        return candidate;
    }

    /// <summary>Declares a graph input.</summary>
    /// <param name="name">The input's name (must be unused); callers feed it by this name.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="dims">One entry per dimension: a size, or a symbolic name for a dynamic axis (e.g. <c>"batch"</c>).</param>
    /// <returns>The input value.</returns>
    public OnnxValue AddInput(string name, OnnxElementType elementType, params OnnxDim[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ClaimExactName(name);
        graph.Input.Add(ValueInfo(name, elementType, dims));
        return new OnnxValue(name, dims.Length);
    }

    /// <summary>Declares a graph output computed by <paramref name="value"/>, under its own name.</summary>
    /// <param name="value">The value to expose.</param>
    /// <param name="name">The output's name (must be unused); an Identity node connects it.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="dims">The dimensions, or <see langword="null"/> to leave the shape to inference.</param>
    /// <returns>The output value.</returns>
    public OnnxValue AddOutput(OnnxValue value, string name, OnnxElementType elementType = OnnxElementType.Float, OnnxDim[]? dims = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (dims is not null && dims.Length != value.Rank)
        {
            throw new ArgumentException($"Output '{name}' declares {dims.Length} dimensions but the value {value} has rank {value.Rank}.", nameof(dims));
        }

        ClaimExactName(name);
        NodeProto node = NewNode("Identity", [value.Name], [name]);
        graph.Node.Add(node);
        graph.Output.Add(ValueInfo(name, elementType, dims));
        return new OnnxValue(name, value.Rank);
    }

    /// <summary>Adds (or replaces) a <c>metadata_props</c> entry of the model.</summary>
    /// <param name="key">The key, e.g. <see cref="OnnxMetadataKeys.Labels"/>.</param>
    /// <param name="value">The value.</param>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        metadata.RemoveAll(kv => kv.Key == key);
        metadata.Add(new KeyValuePair<string, string>(key, value));
    }

    /// <summary>Stores the class labels as <see cref="OnnxMetadataKeys.Labels"/> (a JSON array).</summary>
    /// <param name="labels">The labels in output order.</param>
    public void SetLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        SetMetadata(OnnxMetadataKeys.Labels, System.Text.Json.JsonSerializer.Serialize(labels));
    }

    /// <summary>Copies a TorchSharp tensor (float32, int64 or int32) by value into an initializer.</summary>
    /// <param name="nameHint">The stem of the initializer's name.</param>
    /// <param name="tensor">The tensor; it is read, not kept.</param>
    /// <returns>The initializer value.</returns>
    /// <exception cref="NonFiniteWeightsException">The tensor holds NaN or infinite values.</exception>
    public OnnxValue AddInitializer(string nameHint, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string name = UniqueName(nameHint);
        ExportChecks.EnsureFinite(name, tensor);
        graph.Initializer.Add(ToTensorProto(name, tensor));
        return new OnnxValue(name, (int)tensor.dim());
    }

    /// <summary>Adds a float32 initializer from raw values.</summary>
    /// <param name="nameHint">The stem of the initializer's name.</param>
    /// <param name="values">The values in row-major order.</param>
    /// <param name="shape">The shape; an empty shape makes a scalar.</param>
    /// <returns>The initializer value.</returns>
    /// <remarks>Constants may be infinite (masking fills with -∞); weights go through the <see cref="Tensor"/> overload, which refuses non-finite values.</remarks>
    public OnnxValue AddInitializer(string nameHint, float[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        CheckCount(values.Length, shape);
        string name = UniqueName(nameHint);
        graph.Initializer.Add(RawTensor(name, OnnxElementType.Float, shape, MemoryMarshal.AsBytes(values.AsSpan())));
        return new OnnxValue(name, shape.Length);
    }

    /// <summary>Adds an int64 initializer from raw values.</summary>
    /// <param name="nameHint">The stem of the initializer's name.</param>
    /// <param name="values">The values in row-major order.</param>
    /// <param name="shape">The shape; an empty shape makes a scalar.</param>
    /// <returns>The initializer value.</returns>
    public OnnxValue AddInitializer(string nameHint, long[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        CheckCount(values.Length, shape);
        string name = UniqueName(nameHint);
        graph.Initializer.Add(RawTensor(name, OnnxElementType.Int64, shape, MemoryMarshal.AsBytes(values.AsSpan())));
        return new OnnxValue(name, shape.Length);
    }

    /// <summary>
    /// The initializer of one weight of a module, added on the first request and shared afterwards, so a module exported
    /// several times by the same builder (the cell and head of an unrolled decoder) stores its weights once.
    /// </summary>
    private OnnxValue ModuleWeight(object module, string slot, Func<Tensor> weight)
    {
        if (!moduleWeights.TryGetValue((module, slot), out OnnxValue? value))
        {
            value = AddInitializer(slot, weight());
            moduleWeights[(module, slot)] = value;
        }

        return value;
    }

    /// <summary>A 1-D int64 constant (shared between nodes that need the same values, e.g. axes or shapes).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The initializer value.</returns>
    public OnnxValue Int64Vector(params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string key = "v:" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        if (!int64Constants.TryGetValue(key, out OnnxValue? value))
        {
            value = AddInitializer("const_i64", values, values.Length);
            int64Constants[key] = value;
        }

        return value;
    }

    /// <summary>A scalar float32 constant.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The initializer value.</returns>
    public OnnxValue FloatScalar(float value) => AddInitializer("const_f32", [value]);

    /// <summary>A scalar int64 constant.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The initializer value.</returns>
    public OnnxValue Int64Scalar(long value)
    {
        string key = "s:" + value.ToString(CultureInfo.InvariantCulture);
        if (!int64Constants.TryGetValue(key, out OnnxValue? v))
        {
            v = AddInitializer("const_i64", [value]);
            int64Constants[key] = v;
        }

        return v;
    }

    /// <summary>Emits a node of any ONNX operator without attributes (an escape hatch for operators without a helper).</summary>
    /// <param name="opType">The operator, e.g. <c>"Sqrt"</c>.</param>
    /// <param name="outputRank">The rank of the single output.</param>
    /// <param name="inputs">The inputs; <see langword="null"/> entries are omitted optional inputs.</param>
    /// <returns>The output value.</returns>
    public OnnxValue Op(string opType, int outputRank, params OnnxValue?[] inputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        return Emit(opType, inputs, outputRank);
    }

    /// <summary>Serialises the model (<c>ModelProto</c>) to bytes.</summary>
    /// <returns>The ONNX file content.</returns>
    public byte[] ToBytes() => BuildModel().ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> atomically (a temporary file in the same folder, then a rename).</summary>
    /// <param name="path">The <c>.onnx</c> file to create or replace.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                BuildModel().WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    internal ModelProto BuildModel()
    {
        if (graph.Output.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{graph.Name}' has no outputs; call AddOutput before saving.");
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            DocString = DocString,
            ModelVersion = 1,
            Graph = graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        foreach (KeyValuePair<string, string> kv in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = kv.Key, Value = kv.Value });
        }

        return model;
    }

    private void ClaimExactName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!names.Add(name))
        {
            throw new ArgumentException($"The name '{name}' is already used in graph '{graph.Name}'.", nameof(name));
        }
    }

    private static void CheckCount(int count, long[] shape)
    {
        long expected = 1;
        foreach (long d in shape)
        {
            expected *= d;
        }

        if (expected != count)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {expected} values but {count} were given.");
        }
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType elementType, OnnxDim[]? dims)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType };
        if (dims is not null)
        {
            var shape = new TensorShapeProto();
            foreach (OnnxDim d in dims)
            {
                var dim = new TensorShapeProto.Types.Dimension();
                if (d.IsSymbolic)
                {
                    dim.DimParam = d.Symbol!;
                }
                else
                {
                    dim.DimValue = d.Size ?? 0;
                }

                shape.Dim.Add(dim);
            }

            tensorType.Shape = shape;
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private static TensorProto RawTensor(string name, OnnxElementType type, long[] shape, ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }

        var proto = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        proto.Dims.AddRange(shape);
        return proto;
    }

    private static TensorProto ToTensorProto(string name, Tensor tensor)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor t = tensor.detach().cpu().contiguous();
        long[] shape = t.shape;
        switch (t.dtype)
        {
            case ScalarType.Float32:
                return RawTensor(name, OnnxElementType.Float, shape, MemoryMarshal.AsBytes(TensorCopy.ToArray<float>(t).AsSpan()));
            case ScalarType.Int64:
                return RawTensor(name, OnnxElementType.Int64, shape, MemoryMarshal.AsBytes(TensorCopy.ToArray<long>(t).AsSpan()));
            case ScalarType.Int32:
                return RawTensor(name, OnnxElementType.Int32, shape, MemoryMarshal.AsBytes(TensorCopy.ToArray<int>(t).AsSpan()));
            default:
                throw new NotSupportedException($"Initializer '{name}': element type {t.dtype} is not exported; use float32, int64 or int32.");
        }
    }

    private NodeProto NewNode(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        var node = new NodeProto { OpType = opType, Name = UniqueName("node_" + opType) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    private OnnxValue Emit(string opType, IReadOnlyList<OnnxValue?> inputs, int outputRank, params AttributeProto[] attributes)
        => EmitMany(opType, inputs, [outputRank], attributes)[0];

    private OnnxValue[] EmitMany(string opType, IReadOnlyList<OnnxValue?> inputs, IReadOnlyList<int> outputRanks, params AttributeProto[] attributes)
    {
        // Trailing omitted optional inputs are dropped; inner ones are written as "".
        int last = inputs.Count - 1;
        while (last >= 0 && inputs[last] is null)
        {
            last--;
        }

        var inputNames = new List<string>();
        for (int i = 0; i <= last; i++)
        {
            inputNames.Add(inputs[i]?.Name ?? string.Empty);
        }

        string stem = opType.ToLowerInvariant();
        var outputs = new OnnxValue[outputRanks.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new OnnxValue(UniqueName(stem), outputRanks[i]);
        }

        NodeProto node = NewNode(opType, inputNames, outputs.Select(o => o.Name));
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return outputs;
    }

    private static AttributeProto IntAttr(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto FloatAttr(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto StringAttr(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto IntsAttr(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static AttributeProto StringsAttr(string name, IEnumerable<string> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        a.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return a;
    }
}
