using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Testing.Rendering;

namespace QuickDrawDsl.Testing;

/// <summary>
/// Deterministic text renderings of a generated model, the pieces <see cref="ModelSnapshot"/> approves. They are plain
/// strings, so they also plug into another snapshot library (e.g. Verify's <c>Verifier.Verify(text)</c>).
/// Numbers are formatted with the invariant culture and lines end in <c>\n</c>.
/// </summary>
public static class ModelRenderings
{
    /// <summary>The prefix of the assembly metadata keys under which the generator embeds a model's files.</summary>
    public const string EmbeddedSourceKeyPrefix = "QuickDrawDsl.GeneratedSource:";

    /// <summary>
    /// The generated files of <paramref name="modelType"/> (the module, then its options record) as the compiler saw
    /// them, keyed by file name (e.g. <c>Tiny.g.cs</c>). They are embedded by the generator when the model's project
    /// sets <c>&lt;QdEmbedGeneratedSource&gt;true&lt;/QdEmbedGeneratedSource&gt;</c>; a test project that references
    /// this package sets it by default.
    /// </summary>
    /// <param name="modelType">A class the generator emitted.</param>
    /// <returns>File name and source text of each generated file, in a fixed order.</returns>
    /// <exception cref="InvalidOperationException">The model's project did not embed its generated files.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> GeneratedSource(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        string hint = modelType.FullName ?? modelType.Name;
        string[] files = [hint + ".g.cs", hint + "Options.g.cs"];
        Dictionary<string, string> embedded = modelType.Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(EmbeddedSourceKeyPrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Key[EmbeddedSourceKeyPrefix.Length..], a => a.Value ?? string.Empty, StringComparer.Ordinal);
        if (!embedded.ContainsKey(files[0]))
        {
            throw new InvalidOperationException(
                $"{modelType.Name}'s generated source is not embedded in {modelType.Assembly.GetName().Name}: add <QdEmbedGeneratedSource>true</QdEmbedGeneratedSource> to the PropertyGroup of the project whose spec declares {modelType.Name}, or leave the source out (ModelSnapshotOptions.IncludeSource = false).");
        }

        string prefix = modelType.Namespace is { Length: > 0 } ns ? ns + "." : string.Empty;
        return files.Where(embedded.ContainsKey)
            .Select(f => new KeyValuePair<string, string>(f[prefix.Length..], Approval.SnapshotText.Normalize(embedded[f])))
            .ToArray();
    }

    /// <summary>
    /// The model's architecture as the spec declared it: name, kind, input and output, <c>ParameterCount</c>, labels,
    /// the layer table from <see cref="IGeneratedModel.Info"/> (name, type, output shape, parameters) and <c>Summary()</c>.
    /// </summary>
    /// <param name="model">An instance of a generated model.</param>
    /// <returns>The text, one fact per line.</returns>
    public static string Architecture(IGeneratedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelInfo info = model.Info;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: {info.Name} ({info.Kind}), from {info.SourceFile}\n");
        text.Append(CultureInfo.InvariantCulture, $"Input: {info.InputName} [B, {string.Join(", ", info.InputShape)}] {info.InputDType}\n");
        text.Append(CultureInfo.InvariantCulture, $"Output: {info.OutputName} [B, {string.Join(", ", info.OutputShape)}]\n");
        text.Append(CultureInfo.InvariantCulture, $"ParameterCount: {info.ParameterCount}\n");
        text.Append("Labels: ").Append(info.Labels.Count == 0 ? "(none)" : string.Join(", ", info.Labels)).Append('\n');
        text.Append('\n');

        string[][] rows =
        [
            ["Layer", "Type", "Output shape", "Parameters"],
            .. info.Layers.Select(l => new[] { l.Name, l.Type, "[B, " + string.Join(", ", l.OutputShape) + "]", l.Parameters.ToString(CultureInfo.InvariantCulture) }),
        ];
        int[] widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            text.Append(row[0].PadRight(widths[0])).Append("  ")
                .Append(row[1].PadRight(widths[1])).Append("  ")
                .Append(row[2].PadRight(widths[2])).Append("  ")
                .Append(row[3].PadLeft(widths[3])).Append('\n');
        }

        string? summary = model.GetType().GetMethod("Summary", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)?.Invoke(null, null) as string;
        if (summary is not null)
        {
            text.Append("\nSummary():\n").Append(Approval.SnapshotText.Normalize(summary));
        }

        return text.ToString();
    }

    /// <summary>The exported ONNX graph of <paramref name="model"/> (its <c>ToOnnx()</c> with default arguments) as stable text.</summary>
    /// <param name="model">An instance of a generated model.</param>
    /// <returns>Nodes in order with inputs, outputs and attributes; graph inputs and outputs with shapes; initializers by name, type and shape, never values.</returns>
    public static string OnnxGraph(IGeneratedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        MethodInfo toOnnx = model.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == "ToOnnx" && m.ReturnType == typeof(OnnxGraphBuilder) && m.GetParameters().All(p => p.HasDefaultValue))
            ?? throw new InvalidOperationException($"{model.GetType().Name} has no ToOnnx() method to export its graph: leave the graph out (ModelSnapshotOptions.IncludeOnnx = false).");
        object?[] defaults = toOnnx.GetParameters().Select(p => p.DefaultValue).ToArray();
        OnnxGraphBuilder graph;
        try
        {
            graph = (OnnxGraphBuilder)toOnnx.Invoke(model, defaults)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        return OnnxGraph(graph.ToBytes());
    }

    /// <summary>A serialised ONNX model (e.g. an exported <c>.onnx</c> file's bytes) as stable text.</summary>
    /// <param name="onnxModel">The ModelProto bytes.</param>
    /// <returns>Nodes in order with inputs, outputs and attributes; graph inputs and outputs with shapes; initializers by name, type and shape, never values.</returns>
    /// <exception cref="ArgumentException">The bytes are not an ONNX model.</exception>
    public static string OnnxGraph(byte[] onnxModel)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        return OnnxGraphText.Render(onnxModel);
    }
}
