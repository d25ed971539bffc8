using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Helpers;

namespace QuickDrawDsl.Generator.Diagnostics;

/// <summary>A diagnostic as equatable data, carried through the pipeline and reported in its own output step.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments)
    {
        var args = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            args[i] = arguments[i] switch
            {
                null => string.Empty,
                System.IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                object o => o.ToString() ?? string.Empty,
            };
        }

        return new DiagnosticInfo(descriptor.Id, location, args.ToEquatableArray());
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, System.Linq.Enumerable.ToArray(Arguments));
}
