using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>Renders the Keras-style layer table used by <c>Summary()</c> and the class's XML docs.</summary>
internal static class SummaryTable
{
    public static string Render(ModelPlan plan)
    {
        var rows = new List<(string Layer, string Shape, string Params)>();
        foreach (LayerPlan layer in plan.Layers)
        {
            string type = Describe(layer);
            rows.Add(($"{layer.Name} ({type})", ModelText.Shape(layer.OutShape, "B"), Invariant.Grouped(layer.Parameters)));
        }

        if (plan.Decoder is { } d)
        {
            long cell = d.Parameters - d.Head.Sum(h => h.Parameters);
            rows.Add(($"decoder ({RecurrentFamily.ModuleType(d.Cell)} x {Invariant.Of(d.Steps)} steps{(d.Condition ? ", conditioned" : string.Empty)})", $"[B, {Invariant.Of(d.Steps)}, {d.Units.Text}]", Invariant.Grouped(cell)));
            foreach (LayerPlan layer in d.Head)
            {
                rows.Add(($"{layer.Name} ({Describe(layer)})", $"[B, {Invariant.Of(d.Steps)}, {layer.OutShape[0].Text}]", Invariant.Grouped(layer.Parameters)));
            }
        }

        const string h1 = "Layer (type)";
        const string h2 = "Output shape";
        const string h3 = "Param #";
        int w1 = Math.Max(h1.Length, rows.Max(r => r.Layer.Length)) + 2;
        int w2 = Math.Max(h2.Length, rows.Max(r => r.Shape.Length)) + 2;
        int w3 = Math.Max(h3.Length, rows.Max(r => r.Params.Length));
        int width = w1 + w2 + w3;

        var sb = new StringBuilder();
        sb.Append(h1.PadRight(w1)).Append(h2.PadRight(w2)).Append(h3.PadLeft(w3)).Append('\n');
        sb.Append(new string('=', width)).Append('\n');
        foreach ((string layer, string shape, string parameters) in rows)
        {
            sb.Append(layer.PadRight(w1)).Append(shape.PadRight(w2)).Append(parameters.PadLeft(w3)).Append('\n');
        }

        sb.Append(new string('=', width)).Append('\n');
        sb.Append("Input: ").Append(plan.Spec.Input.Name).Append(' ').Append(ModelText.Shape(plan.Spec.Input.Shape, "B")).Append('\n');
        sb.Append("Total params: ").Append(Invariant.Grouped(plan.ParameterCount)).Append('\n');
        return sb.ToString();
    }

    private static string Describe(LayerPlan layer) => LayerCatalog.Family(layer.Type).Describe(layer);
}
