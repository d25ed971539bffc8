namespace QuickDrawDsl.Runtime.Tests.Data.Layout.Probes.Used;

/// <summary>The namespace <see cref="Probes.User.ProbeUser"/> depends on through a method body only.</summary>
internal static class ProbeTarget
{
    public static bool Keeps(int i) => i % 2 == 0;
}
