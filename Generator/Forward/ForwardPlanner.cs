using System;
using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// Walks a model's layers once and writes down its forward pass as <see cref="ForwardStep"/>s: each layer's family
/// says what it needs (<see cref="LayerFamily.PlanForward"/>), and the planner adds the bookkeeping both backends
/// share — layout transposes, masking of padded steps, length updates, activations and the shape comments.
/// </summary>
internal sealed class ForwardPlanner
{
    private readonly List<ForwardStep> steps = [];
    private int folds;
    private int shortcuts;

    private ForwardPlanner(ForwardState state) => State = state;

    /// <summary>The layout and lengths at the current step.</summary>
    public ForwardState State { get; private set; }

    /// <summary>The steps of the model's layers and of its decoder head.</summary>
    public static ForwardPlan Plan(ModelPlan plan)
    {
        EquatableArray<ForwardStep> layers = Layers(plan.Layers, plan.Spec.Input.Shape, new ForwardState { HasLengths = plan.AcceptsLengths });
        EquatableArray<ForwardStep> head = plan.Decoder is { } d
            ? Layers(d.Head, [d.Units], new ForwardState { Batch = "B, t", HasLengths = false })
            : EquatableArray<ForwardStep>.Empty;
        return new ForwardPlan(layers, head);
    }

    /// <summary>The steps of <paramref name="layers"/> from <paramref name="input"/>, ending in the Keras layout.</summary>
    private static EquatableArray<ForwardStep> Layers(IReadOnlyList<LayerPlan> layers, IReadOnlyList<Dim> input, ForwardState state)
    {
        var planner = new ForwardPlanner(state);
        for (int i = 0; i < layers.Count; i++)
        {
            if (TimeDistributedFamily.Folds(layers[i]))
            {
                // A run of time_distributed layers shares one fold of time into the batch.
                var run = new List<LayerPlan> { layers[i] };
                while (i + 1 < layers.Count && TimeDistributedFamily.Folds(layers[i + 1]))
                {
                    run.Add(layers[++i]);
                }

                TimeDistributedFamily.PlanFolded(planner, run);
            }
            else
            {
                planner.Layer(layers[i]);
            }
        }

        IReadOnlyList<Dim> current = layers.Count > 0 ? layers[layers.Count - 1].OutShape : input;
        planner.ChannelsLast(current);
        return planner.steps.ToEquatableArray();
    }

    /// <summary>Plans one layer with its family.</summary>
    public void Layer(LayerPlan layer) => LayerCatalog.Family(layer.Type).PlanForward(this, layer);

    /// <summary>Plans <paramref name="plan"/> under <paramref name="state"/> (one step of a sequence, or time folded into the batch), then returns to the current state.</summary>
    public void Within(ForwardState state, Action plan)
    {
        ForwardState outer = State;
        State = state;
        plan();
        State = outer;
    }

    /// <summary>The layer's own operation, with its output shape as the comment.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="toVector">Whether it reduces a sequence to a vector (so the layout is plain again whatever it was).</param>
    public void Op(LayerPlan layer, bool toVector = false)
    {
        bool channelsFirst = State.ChannelsFirst;
        bool hasLengths = State.HasLengths;
        if (toVector && layer.OutShape.Count == 1)
        {
            State.ChannelsFirst = false;
        }

        steps.Add(new LayerStep(layer, Comment(layer.OutShape), hasLengths, channelsFirst, State.Batch));
    }

    public void Activation(string? fn, IReadOnlyList<Dim> shape)
    {
        if (fn is null)
        {
            return;
        }

        string feature = shape.Count switch
        {
            1 => "-1",
            2 => State.ChannelsFirst ? "1" : "-1",
            _ => "1",
        };
        steps.Add(new ActivationStep(fn, feature, Comment(shape)));
        if (fn is not ("relu" or "leaky_relu" or "elu" or "silu" or "gelu" or "tanh"))
        {
            // Zero stays zero only through these; anything else leaves padded steps non-zero.
            State.Dirty = true;
        }
    }

    /// <summary>Updates the lengths after a window op over time, unless it keeps every length.</summary>
    public void Lengths(long kernel, long stride, long padding, long dilation, bool ceil)
    {
        long effective = (dilation * (kernel - 1)) + 1;
        bool unchanged = stride == 1 && padding == effective - 1;
        if (!State.HasLengths || unchanged)
        {
            return;
        }

        steps.Add(new WindowLengthsStep(kernel, stride, padding, dilation, ceil));
    }

    /// <summary>Masks padded steps before a time-mixing op when they may be non-zero (always, with -inf, before max pooling).</summary>
    public void Mask(bool negativeInfinity)
    {
        if (!State.HasLengths || !(State.Dirty || negativeInfinity))
        {
            return;
        }

        // Padded steps must look like the zero padding an unpadded sequence gets, or -inf for max pooling.
        steps.Add(new MaskStep(State.ChannelsFirst ? "2" : "1", negativeInfinity));
        State.Dirty = negativeInfinity;
    }

    public void ChannelsFirst(IReadOnlyList<Dim> shape)
    {
        if (shape.Count == 2 && !State.ChannelsFirst)
        {
            State.ChannelsFirst = true;
            steps.Add(new TransposeStep(Comment(shape)));
        }
    }

    public void ChannelsLast(IReadOnlyList<Dim> shape)
    {
        if (shape.Count == 2 && State.ChannelsFirst)
        {
            State.ChannelsFirst = false;
            steps.Add(new TransposeStep(Comment(shape)));
        }
    }

    /// <summary>Folds time into the batch; the state to plan the run's layers under is <paramref name="folded"/>.</summary>
    public int FoldTime(string time, IReadOnlyList<Dim> stepShape, ForwardState folded)
    {
        int index = folds++;
        ForwardState outer = State;
        State = folded;
        steps.Add(new FoldTimeStep(index, time, Comment(stepShape)));
        State = outer;
        return index;
    }

    public void UnfoldTime(int index, IReadOnlyList<Dim> stepShape, IReadOnlyList<Dim> shape) =>
        steps.Add(new UnfoldTimeStep(index, stepShape.ToEquatableArray(), Comment(shape)));

    /// <summary>Keeps x as a residual block's shortcut; returns the index its <see cref="AddShortcut"/> refers to.</summary>
    public int SaveShortcut(IReadOnlyList<Dim> shape)
    {
        int index = shortcuts++;
        steps.Add(new ShortcutStep(index, Comment(shape)));
        return index;
    }

    /// <summary>Adds the shortcut <paramref name="index"/> (or its <paramref name="projection"/>) to x, in the current layout.</summary>
    public void AddShortcut(int index, LayerPlan? projection, IReadOnlyList<Dim> shape) =>
        steps.Add(new AddShortcutStep(index, projection, State.ChannelsFirst, Comment(shape)));

    /// <summary>The physical shape of x as a comment: [B, C, T] while channels-first.</summary>
    private string Comment(IReadOnlyList<Dim> shape)
    {
        IEnumerable<string> physical = shape.Count == 2 && State.ChannelsFirst
            ? [shape[1].Text, shape[0].Text]
            : shape.Select(d => d.Text);
        return "[" + string.Join(", ", new[] { State.Batch }.Concat(physical)) + "]";
    }
}
