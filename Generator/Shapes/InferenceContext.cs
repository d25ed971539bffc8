using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Shapes;

/// <summary>
/// What a <see cref="LayerFamily"/> infers a layer with: the spec, the diagnostics of the walk, and the helpers every
/// family reads its parameters with. <see cref="ShapeInference"/> owns one per spec.
/// </summary>
internal sealed class InferenceContext
{
    private readonly List<DiagnosticInfo> diagnostics = [];

    public InferenceContext(ModelSpec spec) => Spec = spec;

    public ModelSpec Spec { get; }

    /// <summary>Whether an error has been reported; the walk stops at the first one.</summary>
    public bool Failed { get; private set; }

    public EquatableArray<DiagnosticInfo> Diagnostics => diagnostics.ToEquatableArray();

    /// <summary>Marks the walk failed without a diagnostic (one the parser has reported already).</summary>
    public void Fail() => Failed = true;

    /// <summary>Reports an error at <paramref name="location"/> (the spec's name when null) and marks the walk failed.</summary>
    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args)
    {
        Failed = true;
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? Spec.NameLocation, args));
    }

    /// <summary>Infers one layer on <paramref name="shape"/> with its family; null after an error.</summary>
    public LayerPlan? InferLayer(LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        int rank = shape.Count;
        LayerFamily family = LayerCatalog.Family(layer.Type);

        // Only the first axis may be dynamic, and only a layer that reads it as time may get it: sequence layers on
        // [time, features], embedding on token ids [time], time_distributed on [time, ...]. Anything else would read
        // the dynamic axis as its features or channels.
        if (rank != 2 && rank > 0 && shape[0].IsDynamic && !family.AcceptsDynamicFirstAxis)
        {
            string hint = rank == 1
                ? "token ids [time] need an 'embedding' first (input dtype: int64)"
                : "wrap it in 'time_distributed' to apply it to each step of a sequence of images or clips";
            Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, layer.Type, rank == 1 ? "a vector of fixed size" : "an image or clip with a fixed number of channels", Show(shape) + "; " + hint);
            return null;
        }

        return family.Infer(this, layer, shape, position);
    }

    /// <summary>The plan of a layer whose only input is <paramref name="inShape"/>.</summary>
    public static LayerPlan Plan(LayerSpec layer, IReadOnlyList<Dim> inShape, IReadOnlyList<Dim> outShape, long parameters, LayerSettings settings) =>
        new(layer.Name, layer.Type, inShape.ToEquatableArray(), outShape.ToEquatableArray(), parameters, settings, null, layer.Location);

    /// <summary>A per-axis parameter: one value for every axis, or one per axis; null after an error (or when missing without a fallback).</summary>
    public long[]? PerAxis(LayerSpec layer, string key, int axes, long? fallback)
    {
        LayerParam? p = layer.Find(key);
        if (p is null)
        {
            return fallback is null ? null : Enumerable.Repeat(fallback.Value, axes).ToArray();
        }

        EquatableArray<long> values = p.Value.Ints;
        if (values.Count == 1)
        {
            return Enumerable.Repeat(values[0], axes).ToArray();
        }

        if (values.Count != axes)
        {
            Report(DiagnosticDescriptors.InvalidValue, p.Location, layer.Type + "." + key, p.Value.Text, "give one value or " + Invariant.Of(axes) + " (one per spatial axis)");
            return null;
        }

        return values.ToArray();
    }

    /// <summary>A required size that may be an option: the option's default, rendered as the option's property in code.</summary>
    public static Dim SizeParam(LayerSpec layer, string key)
    {
        ParamValue v = layer.Find(key)!.Value;
        return v.OptionRef is { } option
            ? Dim.Option(v.Int, GeneratedNames.OptionProperty(option))
            : Dim.Fixed(v.Int);
    }

    public static bool Bool(LayerSpec layer, string key, bool fallback) => layer.Find(key)?.Value.Bool ?? fallback;

    public static double Float(LayerSpec layer, string key, double fallback) => layer.Find(key)?.Value.Float ?? fallback;

    public static string? Text(LayerSpec layer, string key) => layer.Find(key)?.Value.Text;

    /// <summary>The name of a window op's spatial axis in messages.</summary>
    public static string AxisName(int spatial, int axis) => spatial switch
    {
        1 => "time",
        2 => axis == 0 ? "height" : "width",
        _ => axis switch { 0 => "frames", 1 => "height", _ => "width" },
    };

    public static string Show(IReadOnlyList<Dim> shape) => "[" + string.Join(", ", shape.Select(d => d.Text)) + "]";
}
