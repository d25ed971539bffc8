using System.Reflection;

namespace QuickDrawDsl.Generator;

/// <summary>
/// The name and version the generated files carry in <c>[GeneratedCode]</c>. The version is the build's
/// <c>$(Version)</c> (Directory.Build.props, or the version a package is packed with), stamped into this assembly's
/// metadata by Generator.csproj, so it cannot drift from the package's.
/// </summary>
internal static class GeneratorInfo
{
    public const string Name = "QuickDrawDsl.Generator";

    /// <summary>The assembly metadata key Generator.csproj writes <c>$(Version)</c> under.</summary>
    public const string VersionKey = "QuickDrawDsl.GeneratorVersion";

    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        Assembly assembly = typeof(GeneratorInfo).Assembly;
        foreach (object attribute in assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false))
        {
            if (attribute is AssemblyMetadataAttribute { Key: VersionKey, Value: { Length: > 0 } version })
            {
                return version;
            }
        }

        // Built without Generator.csproj's metadata item (not the case in this repository): the assembly version.
        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
