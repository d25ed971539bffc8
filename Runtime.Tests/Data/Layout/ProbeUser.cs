using System.Linq;
using QuickDrawDsl.Runtime.Tests.Data.Layout.Probes.Used;

namespace QuickDrawDsl.Runtime.Tests.Data.Layout.Probes.User;

/// <summary>Uses <see cref="ProbeTarget"/> only inside a lambda's body: no signature or field names it.</summary>
internal static class ProbeUser
{
    public static int Count(int n) => Enumerable.Range(0, n).Count(i => ProbeTarget.Keeps(i));
}
