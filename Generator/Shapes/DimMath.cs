using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Shapes;

/// <summary>
/// Arithmetic on sizes, all of it checked (the generator compiles with overflow checks, and shape inference turns
/// an overflow into QD0112 on the layer). A dynamic length is kept as <c>floor((axis + offset) / divisor)</c>:
/// <c>floor((floor((x + a) / d) + b) / s) = floor((x + a + b·d) / (d·s))</c> for integers, and a ceiling is a floor
/// with <c>s − 1</c> added, so any chain of window ops stays one expression of constant size and the generator stays
/// linear in the number of layers.
/// </summary>
internal static class DimMath
{
    /// <summary>Output length of a window op: floor((L + pad - dilation*(k-1) - 1) / stride) + 1, or with ceil.</summary>
    public static Dim Window(Dim input, long kernel, long stride, long padTotal, long dilation, bool ceil)
    {
        long effective = checked((dilation * (kernel - 1)) + 1);
        long shift = checked(padTotal - effective + (ceil ? stride - 1 : 0));
        if (!input.IsDynamic)
        {
            return Dim.Fixed(checked(FloorDiv(input.Size + shift, stride) + 1));
        }

        // floor((L + shift) / s) + 1 = floor((L + shift + s) / s), with L = floor((x + a) / d).
        // Stryker disable once Checked : the project compiles with CheckForOverflowUnderflow; checked() states the intent
        long divisor = checked(input.Divisor * stride);
        // Stryker disable once Checked : the project compiles with CheckForOverflowUnderflow; checked() states the intent
        long offset = checked(input.Offset + ((shift + stride) * input.Divisor));
        return Dynamic(input.Axis ?? input.Text, offset, divisor);
    }

    /// <summary>A size times a small factor (directions); an option in it is at most 2^24, so the product cannot overflow.</summary>
    public static Dim Times(Dim a, long factor) =>
        // Stryker disable once Checked : the project compiles with CheckForOverflowUnderflow; checked() states the intent
        factor == 1 ? a : new Dim(checked(a.Size * factor), Invariant.Of(checked(a.Size * factor)), a.Expression is null ? null : new ScaledSize(factor, a.Expression));

    /// <summary>The size of a flattened shape; when an option is in it, the generated expression is checked, as an override may be larger.</summary>
    public static Dim Product(IEnumerable<Dim> dims)
    {
        Dim[] all = dims.ToArray();
        long size = 1;
        foreach (Dim d in all)
        {
            size = checked(size * d.Size);
        }

        bool symbolic = all.Any(d => d.Expression is not null);
        return new Dim(size, Invariant.Of(size), symbolic ? new CheckedProduct(all.ToEquatableArray()) : null);
    }

    /// <summary>The dynamic length <c>floor((axis + offset) / divisor)</c>, written the shortest way.</summary>
    private static Dim Dynamic(string axis, long offset, long divisor)
    {
        string text;
        if (divisor == 1)
        {
            text = axis + Signed(offset);
        }
        else if (offset == divisor - 1)
        {
            text = "ceil(" + axis + "/" + Invariant.Of(divisor) + ")";
        }
        else if (offset == 0)
        {
            text = "floor(" + axis + "/" + Invariant.Of(divisor) + ")";
        }
        else
        {
            text = "floor((" + axis + Signed(offset) + ")/" + Invariant.Of(divisor) + ")";
        }

        return new Dim(-1, text) { Axis = axis, Offset = offset, Divisor = divisor };
    }

    private static string Signed(long offset) =>
        offset == 0 ? string.Empty : offset < 0 ? "-" + Invariant.Of(-offset) : "+" + Invariant.Of(offset);

    // Stryker disable once all : shape inference refuses a window longer than its padded input first, so the dividend is never negative here
    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
