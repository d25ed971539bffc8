using System;
using System.Linq;

namespace QuickDrawDsl.Runtime.Export;

/// <summary>Tensor operations without weights (shape manipulation, arithmetic, reductions).</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>Element-wise <c>a + b</c> with broadcasting (<c>Add</c>).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The sum.</returns>
    public OnnxValue Add(OnnxValue a, OnnxValue b) => Binary("Add", a, b);

    /// <summary>Element-wise <c>a - b</c> with broadcasting (<c>Sub</c>).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The difference.</returns>
    public OnnxValue Sub(OnnxValue a, OnnxValue b) => Binary("Sub", a, b);

    /// <summary>Element-wise <c>a * b</c> with broadcasting (<c>Mul</c>).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The product.</returns>
    public OnnxValue Mul(OnnxValue a, OnnxValue b) => Binary("Mul", a, b);

    /// <summary>Element-wise <c>a / b</c> with broadcasting (<c>Div</c>).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The quotient.</returns>
    public OnnxValue Div(OnnxValue a, OnnxValue b) => Binary("Div", a, b);

    /// <summary>Matrix product with NumPy broadcasting (<c>MatMul</c>, like <c>torch.matmul</c>).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The product.</returns>
    public OnnxValue MatMul(OnnxValue a, OnnxValue b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int rank = Math.Max(a.Rank, b.Rank);
        if (a.Rank == 1 || b.Rank == 1)
        {
            rank = Math.Max(a.Rank, b.Rank) - 1;
        }

        return Emit("MatMul", [a, b], rank);
    }

    /// <summary>Reshapes (<c>Reshape</c>); 0 copies the input's dimension, -1 is inferred.</summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape.</param>
    /// <returns>The reshaped value.</returns>
    public OnnxValue Reshape(OnnxValue x, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Emit("Reshape", [Checked(x), Int64Vector(shape)], shape.Length);
    }

    /// <summary>Permutes dimensions (<c>Transpose</c>, like <c>permute</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="perm">The permutation; output dimension i is input dimension perm[i].</param>
    /// <returns>The transposed value.</returns>
    public OnnxValue Transpose(OnnxValue x, params long[] perm)
    {
        ArgumentNullException.ThrowIfNull(perm);
        if (perm.Length != Checked(x).Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= x.Rank))
        {
            throw new ArgumentException($"[{string.Join(", ", perm)}] is not a permutation of the {x.Rank} dimensions of {x}.", nameof(perm));
        }

        return Emit("Transpose", [x], x.Rank, IntsAttr("perm", perm));
    }

    /// <summary>Flattens to 2-D <c>[d0 * .. * d(axis-1), d(axis) * .. ]</c> (<c>Flatten</c>; <c>torch.flatten(x, axis)</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axis">The first dimension of the second output dimension.</param>
    /// <returns>The 2-D value.</returns>
    public OnnxValue Flatten(OnnxValue x, long axis = 1) => Emit("Flatten", [Checked(x)], 2, IntAttr("axis", axis));

    /// <summary>Exports <c>nn.Flatten</c>: <c>Flatten</c> when it flattens to the end, otherwise a <c>Reshape</c>.</summary>
    /// <param name="module">The module (its <c>start_dim</c>, <c>end_dim</c>).</param>
    /// <param name="x">The input.</param>
    /// <returns>The flattened value.</returns>
    public OnnxValue Flatten(TorchSharp.Modules.Flatten module, OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(module);
        int rank = Checked(x).Rank;
        long start = module.start_dim < 0 ? module.start_dim + rank : module.start_dim;
        long end = module.end_dim < 0 ? module.end_dim + rank : module.end_dim;
        if (end == rank - 1)
        {
            return start == 0 ? Reshape(x, -1) : Flatten(x, start);
        }

        // Reshape's 0 copies the dimension at the same index, so the trailing dimensions come from Shape at run time.
        var parts = new System.Collections.Generic.List<OnnxValue>();
        if (start > 0)
        {
            parts.Add(Shape(x, 0, start));
        }

        parts.Add(Int64Vector(-1));
        parts.Add(Shape(x, end + 1));
        return Emit("Reshape", [x, Concat(0, [.. parts])], rank - (int)(end - start));
    }

    /// <summary>Inserts size-1 dimensions (<c>Unsqueeze</c>, axes as an input as in opset 13+).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The positions in the output.</param>
    /// <returns>The expanded value.</returns>
    public OnnxValue Unsqueeze(OnnxValue x, params long[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return Emit("Unsqueeze", [Checked(x), Int64Vector(axes)], x.Rank + axes.Length);
    }

    /// <summary>Removes size-1 dimensions (<c>Squeeze</c>, axes as an input as in opset 13+).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The dimensions to remove (each must have size 1).</param>
    /// <returns>The squeezed value.</returns>
    public OnnxValue Squeeze(OnnxValue x, params long[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length == 0)
        {
            throw new ArgumentException("Squeeze needs explicit axes: the output rank must be known.", nameof(axes));
        }

        return Emit("Squeeze", [Checked(x), Int64Vector(axes)], x.Rank - axes.Length);
    }

    /// <summary>Concatenates along an axis (<c>Concat</c>, like <c>torch.cat</c>).</summary>
    /// <param name="axis">The axis.</param>
    /// <param name="values">The values (same rank).</param>
    /// <returns>The concatenation.</returns>
    public OnnxValue Concat(long axis, params OnnxValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || values.Any(v => v is null || v.Rank != values[0].Rank))
        {
            throw new ArgumentException("Concat needs at least one value, all of the same rank.", nameof(values));
        }

        return Emit("Concat", values, values[0].Rank, IntAttr("axis", axis));
    }

    /// <summary>Takes a slice (<c>Slice</c>); ends beyond the size are clamped (use <see cref="long.MaxValue"/> for "to the end").</summary>
    /// <param name="x">The input.</param>
    /// <param name="starts">Start per sliced axis.</param>
    /// <param name="ends">Exclusive end per sliced axis.</param>
    /// <param name="axes">The sliced axes.</param>
    /// <param name="steps">Steps per axis, or <see langword="null"/> for 1.</param>
    /// <returns>The slice.</returns>
    public OnnxValue Slice(OnnxValue x, long[] starts, long[] ends, long[] axes, long[]? steps = null)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(axes);
        if (starts.Length != ends.Length || starts.Length != axes.Length || (steps is not null && steps.Length != axes.Length))
        {
            throw new ArgumentException("Slice: starts, ends, axes (and steps) must have the same length.");
        }

        return Emit("Slice", [Checked(x), Int64Vector(starts), Int64Vector(ends), Int64Vector(axes), steps is null ? null : Int64Vector(steps)], x.Rank);
    }

    /// <summary>Gathers along an axis with an index tensor (<c>Gather</c>, like <c>index_select</c> or embedding lookup).</summary>
    /// <param name="data">The data.</param>
    /// <param name="indices">The int64 indices.</param>
    /// <param name="axis">The axis of <paramref name="data"/>.</param>
    /// <returns>The gathered value, rank <c>data.Rank - 1 + indices.Rank</c>.</returns>
    public OnnxValue Gather(OnnxValue data, OnnxValue indices, long axis = 0)
        => Emit("Gather", [Checked(data), Checked(indices)], data.Rank - 1 + indices.Rank, IntAttr("axis", axis));

    /// <summary>Selects one index along an axis, removing the axis (<c>Gather</c> with a scalar; like <c>x.select(axis, index)</c>).</summary>
    /// <param name="data">The data.</param>
    /// <param name="index">The index (negative counts from the end).</param>
    /// <param name="axis">The axis.</param>
    /// <returns>The selected value.</returns>
    public OnnxValue Select(OnnxValue data, long index, long axis) => Gather(data, Int64Scalar(index), axis);

    /// <summary>Broadcasts to a shape given as a 1-D int64 value (<c>Expand</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape (1-D int64).</param>
    /// <param name="outputRank">The number of entries of <paramref name="shape"/>.</param>
    /// <returns>The broadcast value.</returns>
    public OnnxValue Expand(OnnxValue x, OnnxValue shape, int outputRank) => Emit("Expand", [Checked(x), Checked(shape)], outputRank);

    /// <summary>Broadcasts to a constant shape (<c>Expand</c>; 1 keeps the input's dimension).</summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape.</param>
    /// <returns>The broadcast value.</returns>
    public OnnxValue Expand(OnnxValue x, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Emit("Expand", [Checked(x), Int64Vector(shape)], Math.Max(x.Rank, shape.Length));
    }

    /// <summary>Repeats the tensor along each dimension (<c>Tile</c>, like <c>Tensor.repeat</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="repeats">One count per dimension.</param>
    /// <returns>The tiled value.</returns>
    public OnnxValue Tile(OnnxValue x, params long[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Length != Checked(x).Rank)
        {
            throw new ArgumentException($"Tile needs {x.Rank} repeats for {x}.", nameof(repeats));
        }

        return Emit("Tile", [x, Int64Vector(repeats)], x.Rank);
    }

    /// <summary>Keras <c>RepeatVector</c>: <c>[batch, features]</c> to <c>[batch, times, features]</c> (Unsqueeze + Tile).</summary>
    /// <param name="x">A 2-D value.</param>
    /// <param name="times">How many steps.</param>
    /// <returns>The repeated value.</returns>
    public OnnxValue RepeatVector(OnnxValue x, long times)
    {
        if (Checked(x).Rank != 2)
        {
            throw new ArgumentException($"RepeatVector needs a [batch, features] value, got {x}.", nameof(x));
        }

        return Tile(Unsqueeze(x, 1), 1, times, 1);
    }

    /// <summary>Constant padding (<c>Pad</c>, mode constant); like <c>F.pad</c> but with ONNX's pad order.</summary>
    /// <param name="x">The input.</param>
    /// <param name="pads">ONNX order: all begins (dimension 0 first), then all ends; length <c>2 * rank</c>.</param>
    /// <param name="value">The fill value.</param>
    /// <returns>The padded value.</returns>
    public OnnxValue Pad(OnnxValue x, long[] pads, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Length != 2 * Checked(x).Rank)
        {
            throw new ArgumentException($"Pad needs {2 * x.Rank} pads for {x}, got {pads.Length}.", nameof(pads));
        }

        return Emit("Pad", [x, Int64Vector(pads), FloatScalar(value)], x.Rank, StringAttr("mode", "constant"));
    }

    /// <summary>Sums over axes (<c>ReduceSum</c>, axes as an input as in opset 13+).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes.</param>
    /// <param name="keepDims">Whether reduced dimensions stay with size 1.</param>
    /// <returns>The sum.</returns>
    public OnnxValue ReduceSum(OnnxValue x, long[] axes, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return Emit("ReduceSum", [Checked(x), Int64Vector(axes)], keepDims ? x.Rank : x.Rank - axes.Length, IntAttr("keepdims", keepDims ? 1 : 0));
    }

    /// <summary>Averages over axes (<c>ReduceMean</c>, axes as an attribute in opset 17); e.g. global average pooling to <c>[B, C]</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes.</param>
    /// <param name="keepDims">Whether reduced dimensions stay with size 1.</param>
    /// <returns>The mean.</returns>
    public OnnxValue ReduceMean(OnnxValue x, long[] axes, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return Emit("ReduceMean", [Checked(x)], keepDims ? x.Rank : x.Rank - axes.Length, IntsAttr("axes", axes), IntAttr("keepdims", keepDims ? 1 : 0));
    }

    /// <summary>Maximum over axes (<c>ReduceMax</c>, axes as an attribute in opset 17); e.g. global max pooling to <c>[B, C]</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes.</param>
    /// <param name="keepDims">Whether reduced dimensions stay with size 1.</param>
    /// <returns>The maximum.</returns>
    public OnnxValue ReduceMax(OnnxValue x, long[] axes, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return Emit("ReduceMax", [Checked(x)], keepDims ? x.Rank : x.Rank - axes.Length, IntsAttr("axes", axes), IntAttr("keepdims", keepDims ? 1 : 0));
    }

    /// <summary>Converts the element type (<c>Cast</c>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="to">The target type.</param>
    /// <returns>The converted value.</returns>
    public OnnxValue Cast(OnnxValue x, OnnxElementType to) => Emit("Cast", [Checked(x)], x.Rank, IntAttr("to", (long)to));

    /// <summary>The shape as a 1-D int64 value (<c>Shape</c>), optionally only dimensions <c>[start, end)</c>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="start">First dimension.</param>
    /// <param name="end">Exclusive last dimension, or <see langword="null"/> for the rank.</param>
    /// <returns>The shape value.</returns>
    public OnnxValue Shape(OnnxValue x, long start = 0, long? end = null)
    {
        Checked(x);
        return end is null
            ? Emit("Shape", [x], 1, IntAttr("start", start))
            : Emit("Shape", [x], 1, IntAttr("start", start), IntAttr("end", end.Value));
    }

    private OnnxValue Binary(string op, OnnxValue a, OnnxValue b) => Emit(op, [Checked(a), Checked(b)], Math.Max(a.Rank, b.Rank));

    private static OnnxValue Checked(OnnxValue x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x;
    }
}
