using System.Collections.Generic;
using System.Globalization;

namespace QuickDrawDsl.Generator.Naming;

/// <summary>
/// The locals of one generated method. The method's parameters (some named by the spec) are reserved first; each
/// local then gets its preferred name, or, when that is taken, the preferred name with <c>__</c> and a number, which
/// no user name can be. Deterministic, so the output stays byte-stable.
/// </summary>
internal sealed class LocalScope
{
    private readonly HashSet<string> taken = new(System.StringComparer.Ordinal);

    public LocalScope(params string[] parameters)
    {
        foreach (string parameter in parameters)
        {
            taken.Add(parameter);
        }
    }

    /// <summary>Declares a local: <paramref name="preferred"/> if free, else <c>{preferred}__1</c>, <c>__2</c>, ...</summary>
    public string Declare(string preferred)
    {
        string name = preferred;
        for (int n = 1; !taken.Add(name); n++)
        {
            name = preferred + "__" + n.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
