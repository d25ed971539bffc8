using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Shapes;

/// <summary>Arithmetic on possibly symbolic dims, keeping their text readable (<c>ceil(time/4)</c>, not nested ceilings).</summary>
internal static class DimMath
{
    /// <summary>Output length of a window op: floor((L + pad - dilation*(k-1) - 1) / stride) + 1, or with ceil.</summary>
    public static Dim Window(Dim input, long kernel, long stride, long padTotal, long dilation, bool ceil)
    {
        long effective = (dilation * (kernel - 1)) + 1;
        if (!input.IsDynamic)
        {
            long span = input.Size + padTotal - effective;
            long size = ceil ? CeilDiv(span, stride) + 1 : FloorDiv(span, stride) + 1;
            return Dim.Fixed(size);
        }

        // "same"-style ops give ceil(L / stride); keep those composable.
        bool ceilOfLength = (padTotal == effective - 1) || (ceil && padTotal == 0 && kernel == stride);
        if (ceilOfLength)
        {
            if (stride == 1)
            {
                return input;
            }

            (string symbol, long divisor) = SplitCeil(input.Text);
            return Dim.Symbol("ceil(" + symbol + "/" + Invariant.Of(divisor * stride) + ")");
        }

        long shrink = effective - 1 - padTotal;
        if (stride == 1)
        {
            return Dim.Symbol(Offset(input.Text, -shrink));
        }

        // floor((L - shrink - 1) / stride) + 1 == floor((L + stride - 1 - shrink) / stride), likewise with ceil.
        long offset = stride - 1 - shrink;
        string numerator = offset == 0 ? input.Text : "(" + Offset(input.Text, offset) + ")";
        return Dim.Symbol((ceil ? "ceil(" : "floor(") + numerator + "/" + Invariant.Of(stride) + ")");
    }

    private static string Offset(string text, long offset) =>
        offset == 0 ? text : text + (offset < 0 ? "-" + Invariant.Of(-offset) : "+" + Invariant.Of(offset));

    public static Dim Times(Dim a, long factor) =>
        factor == 1 ? a : new Dim(a.Size * factor, Invariant.Of(a.Size * factor), a.CSharp is null ? null : Invariant.Of(factor) + " * " + a.CSharp);

    public static Dim Product(IEnumerable<Dim> dims)
    {
        Dim[] all = dims.ToArray();
        long size = all.Aggregate(1L, (acc, d) => acc * d.Size);
        bool symbolic = all.Any(d => d.CSharp is not null);
        return new Dim(size, Invariant.Of(size), symbolic ? string.Join(" * ", all.Select(d => d.Code)) : null);
    }

    private static (string Symbol, long Divisor) SplitCeil(string text)
    {
        if (text.StartsWith("ceil(", System.StringComparison.Ordinal) && text.EndsWith(")", System.StringComparison.Ordinal))
        {
            string body = text.Substring(5, text.Length - 6);
            int slash = body.LastIndexOf('/');
            if (slash > 0 && long.TryParse(body.Substring(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long d) && body.IndexOf('(') < 0)
            {
                return (body.Substring(0, slash), d);
            }
        }

        return (text.IndexOfAny(['+', '-', '/', '(']) >= 0 ? "(" + text + ")" : text, 1);
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
