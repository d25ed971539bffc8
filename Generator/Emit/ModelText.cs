using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>The texts and member names every emitter of a model shares, so the emitters depend on this instead of on each other.</summary>
internal static class ModelText
{
    /// <summary>The private method that runs the encoder layers of a model with a decoder.</summary>
    public static readonly string Encode = GeneratedNames.Private("Encode");

    /// <summary>The private method that runs the decoder.</summary>
    public static readonly string Decode = GeneratedNames.Private("Decode");

    /// <summary>The field of the decoder's recurrent module, registered as <c>decoder</c>.</summary>
    public static readonly string DecoderField = GeneratedNames.Private("Decoder");

    /// <summary><c>global::Namespace.Name</c>, or <c>global::Name</c> in the global namespace.</summary>
    public static string Qualified(ModelSpec spec, string name) =>
        "global::" + (spec.Namespace.Length > 0 ? spec.Namespace + "." : string.Empty) + name;

    /// <summary>The name of the model's output: the spec's, or <c>output</c>.</summary>
    public static string OutputName(ModelSpec spec) => spec.Output?.Name ?? "output";

    /// <summary>A shape with its batch axis: <c>[B, time, 3]</c>.</summary>
    public static string Shape(IEnumerable<Dim> dims, string batch) => "[" + string.Join(", ", new[] { batch }.Concat(dims.Select(d => d.Text))) + "]";
}
