using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Forward;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;
using static QuickDrawDsl.Generator.Shapes.InferenceContext;

namespace QuickDrawDsl.Generator.Layers;

/// <summary><c>time_distributed</c>: applies the wrapped layer to every step of a sequence.</summary>
internal sealed class TimeDistributedFamily : LayerFamily
{
    public override int CatalogPosition => 1200;

    public override IReadOnlyList<LayerDefinition> Definitions { get; } =
    [
        new("time_distributed", "Applies the wrapped layer to every time step: '- time_distributed: { dense: { units: 7 } }'."),
    ];

    public override bool AcceptsDynamicFirstAxis => true;

    public override bool RunsPerStep => false;

    public override LayerPlan? Infer(InferenceContext context, LayerSpec layer, IReadOnlyList<Dim> shape, LayerPosition position)
    {
        if (shape.Count < 2)
        {
            context.Report(DiagnosticDescriptors.WrongRank, layer.Location, layer.Name, "time_distributed", "a sequence [time, ...]", Show(shape));
            return null;
        }

        LayerSpec inner = layer.Inner!;
        if (!LayerCatalog.Family(inner.Type).RunsPerStep)
        {
            context.Report(DiagnosticDescriptors.WrongRank, inner.Location, inner.Name, inner.Type + " inside time_distributed", "to run on the whole sequence", "one time step; use it without time_distributed");
            return null;
        }

        List<Dim> step = shape.Skip(1).ToList();
        // Stryker disable once Boolean : IsFirst matters only to embedding and RecurrentFollows only to recurrent layers, both refused inside time_distributed above
        LayerPlan? innerPlan = context.InferLayer(inner, step, position with { IsFirst = false, RecurrentFollows = false });
        if (innerPlan is null)
        {
            return null;
        }

        var outShape = new List<Dim> { shape[0] };
        outShape.AddRange(innerPlan.OutShape);
        return new LayerPlan(layer.Name, layer.Type, shape.ToEquatableArray(), outShape.ToEquatableArray(), innerPlan.Parameters, LayerSettings.None, innerPlan, layer.Location);
    }

    public override IEnumerable<LayerPlan> Modules(LayerPlan layer) => LayerCatalog.Family(layer.Inner!.Type).Modules(layer.Inner);

    public override string InfoType(LayerPlan layer) => "time_distributed(" + layer.Inner!.Type + ")";

    public override string Describe(LayerPlan layer) => "TimeDistributed(" + LayerCatalog.Family(layer.Inner!.Type).Describe(layer.Inner) + ")";

    /// <summary>Whether the layer folds time into the batch: its inner layer does not act on the last axis of [B, T, F] alone.</summary>
    public static bool Folds(LayerPlan layer) => layer.Type == "time_distributed" && !ActsOnEveryStep(layer);

    public override void PlanForward(ForwardPlanner planner, LayerPlan layer)
    {
        planner.ChannelsLast(layer.InShape);
        if (ActsOnEveryStep(layer))
        {
            // These act on the last axis, so they already apply to every step of [B, T, F].
            planner.Within(new ForwardState { Batch = planner.State.Batch + ", " + layer.InShape[0].Text, HasLengths = false }, () => planner.Layer(layer.Inner!));
            planner.State.Dirty = true;
            return;
        }

        PlanFolded(planner, [layer]);
    }

    /// <summary>
    /// Runs consecutive time_distributed layers on [B*T, ...]: time is folded into the batch once before the run
    /// and unfolded once after it.
    /// </summary>
    public static void PlanFolded(ForwardPlanner planner, IReadOnlyList<LayerPlan> run)
    {
        planner.ChannelsLast(run[0].InShape);
        var folded = new ForwardState { Batch = "B*" + run[0].InShape[0].Text, HasLengths = false };
        int index = planner.FoldTime(run[0].InShape[0].Text, run[0].Inner!.InShape, folded);
        LayerPlan last = run[run.Count - 1].Inner!;
        planner.Within(folded, () =>
        {
            foreach (LayerPlan layer in run)
            {
                planner.Layer(layer.Inner!);
            }

            // A Conv1d or pool inside leaves each step channels-first; unfolding wants [steps, features].
            planner.ChannelsLast(last.OutShape);
        });
        planner.UnfoldTime(index, last.OutShape, run[run.Count - 1].OutShape);
        planner.State.Dirty = true;
    }

    private static bool ActsOnEveryStep(LayerPlan layer) => LayerCatalog.Family(layer.Inner!.Type).ActsOnLastAxis && layer.InRank == 2;
}
