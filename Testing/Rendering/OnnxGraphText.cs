using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Google.Protobuf;
using QuickDrawDsl.Runtime.Export.Onnx;

namespace QuickDrawDsl.Testing.Rendering;

/// <summary>
/// A stable text form of an ONNX model: header, metadata (sorted), inputs and outputs with element type and shape,
/// initializers by name, element type and shape (never values, which change with every initialisation), and the
/// nodes in graph order with their inputs, outputs and attributes. Subgraphs are rendered indented under their node.
/// The producer version is left out: it carries the build's commit and would change every snapshot on every commit.
/// </summary>
internal static class OnnxGraphText
{
    public static string Render(byte[] onnxModel)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnxModel);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ArgumentException("The bytes are not an ONNX model: " + ex.Message, nameof(onnxModel), ex);
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ONNX model: ir_version {model.IrVersion}, producer {model.ProducerName}");
        foreach (OperatorSetIdProto opset in model.OpsetImport)
        {
            text.Append(CultureInfo.InvariantCulture, $", opset {(opset.Domain.Length == 0 ? "ai.onnx" : opset.Domain)} {opset.Version}");
        }

        text.Append('\n');
        if (model.MetadataProps.Count > 0)
        {
            text.Append("metadata:\n");
            foreach (StringStringEntryProto entry in model.MetadataProps.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                text.Append("  ").Append(entry.Key).Append(" = ").Append(entry.Value).Append('\n');
            }
        }

        Graph(text, model.Graph ?? new GraphProto(), indent: string.Empty);
        return text.ToString();
    }

    private static void Graph(StringBuilder text, GraphProto graph, string indent)
    {
        text.Append(indent).Append("graph ").Append(graph.Name).Append('\n');
        Values(text, "inputs", graph.Input, indent);
        Values(text, "outputs", graph.Output, indent);
        Values(text, "value_info", graph.ValueInfo, indent);
        if (graph.Initializer.Count > 0)
        {
            text.Append(indent).Append(CultureInfo.InvariantCulture, $"initializers ({graph.Initializer.Count}):\n");
            foreach (TensorProto tensor in graph.Initializer)
            {
                text.Append(indent).Append("  ").Append(tensor.Name).Append(": ").Append(Tensor(tensor)).Append('\n');
            }
        }

        text.Append(indent).Append(CultureInfo.InvariantCulture, $"nodes ({graph.Node.Count}):\n");
        for (int i = 0; i < graph.Node.Count; i++)
        {
            NodeProto node = graph.Node[i];
            text.Append(indent).Append(CultureInfo.InvariantCulture, $"  {i,3} ")
                .Append(node.Domain.Length == 0 ? string.Empty : node.Domain + ".")
                .Append(node.OpType)
                .Append('(').Append(string.Join(", ", node.Input.Select(n => n.Length == 0 ? "<none>" : n))).Append(") -> (")
                .Append(string.Join(", ", node.Output)).Append(')');
            if (node.Name.Length > 0)
            {
                text.Append("  name=").Append(node.Name);
            }

            var subgraphs = new List<(string Name, GraphProto Graph)>();
            foreach (AttributeProto attribute in node.Attribute)
            {
                text.Append("  ").Append(attribute.Name).Append('=').Append(Attribute(attribute, subgraphs));
            }

            text.Append('\n');
            foreach ((string name, GraphProto subgraph) in subgraphs)
            {
                text.Append(indent).Append("      ").Append(name).Append(":\n");
                Graph(text, subgraph, indent + "        ");
            }
        }
    }

    private static void Values(StringBuilder text, string title, IList<ValueInfoProto> values, string indent)
    {
        if (values.Count == 0)
        {
            return;
        }

        text.Append(indent).Append(title).Append(":\n");
        foreach (ValueInfoProto value in values)
        {
            text.Append(indent).Append("  ").Append(value.Name).Append(": ");
            if (value.Type?.TensorType is { } tensor)
            {
                text.Append(ElementType(tensor.ElemType));
                if (tensor.Shape is { } shape)
                {
                    text.Append(" [").Append(string.Join(", ", shape.Dim.Select(Dimension))).Append(']');
                }
            }
            else
            {
                text.Append("<no tensor type>");
            }

            text.Append('\n');
        }
    }

    private static string Dimension(TensorShapeProto.Types.Dimension dim) => dim.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => dim.DimValue.ToString(CultureInfo.InvariantCulture),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => dim.DimParam,
        _ => "?",
    };

    private static string Tensor(TensorProto tensor) =>
        ElementType(tensor.DataType) + " [" + string.Join(", ", tensor.Dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Attribute(AttributeProto attribute, List<(string Name, GraphProto Graph)> subgraphs)
    {
        switch (attribute.Type)
        {
            case AttributeProto.Types.AttributeType.Float:
                return Float(attribute.F);
            case AttributeProto.Types.AttributeType.Int:
                return attribute.I.ToString(CultureInfo.InvariantCulture);
            case AttributeProto.Types.AttributeType.String:
                return Quote(attribute.S.ToStringUtf8());
            case AttributeProto.Types.AttributeType.Floats:
                return "[" + string.Join(", ", attribute.Floats.Select(Float)) + "]";
            case AttributeProto.Types.AttributeType.Ints:
                return "[" + string.Join(", ", attribute.Ints.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
            case AttributeProto.Types.AttributeType.Strings:
                return "[" + string.Join(", ", attribute.Strings.Select(s => Quote(s.ToStringUtf8()))) + "]";
            case AttributeProto.Types.AttributeType.Tensor:
                return "tensor " + Tensor(attribute.T);
            case AttributeProto.Types.AttributeType.Graph:
                subgraphs.Add((attribute.Name, attribute.G));
                return "<graph below>";
            case AttributeProto.Types.AttributeType.Graphs:
                for (int i = 0; i < attribute.Graphs.Count; i++)
                {
                    subgraphs.Add((attribute.Name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", attribute.Graphs[i]));
                }

                return "<graphs below>";
            default:
                return "<" + attribute.Type.ToString().ToLowerInvariant() + ">";
        }
    }

    private static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string ElementType(int type) => type switch
    {
        1 => "float32",
        2 => "uint8",
        3 => "int8",
        4 => "uint16",
        5 => "int16",
        6 => "int32",
        7 => "int64",
        8 => "string",
        9 => "bool",
        10 => "float16",
        11 => "float64",
        12 => "uint32",
        13 => "uint64",
        14 => "complex64",
        15 => "complex128",
        16 => "bfloat16",
        _ => "type" + type.ToString(CultureInfo.InvariantCulture),
    };
}
