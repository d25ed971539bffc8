using System.IO;

namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// A console project outside the repository that uses the packed packages the way a user would: a nuget.config
/// with the local package folder and nuget.org, package references, one spec and a Program.cs.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>The libtorch native package of the CPU backend on Linux x64, the version TorchSharp 0.107 expects.</summary>
    public const string LibTorchPackage = "libtorch-cpu-linux-x64";

    public const string LibTorchVersion = "2.10.0";

    public static string Create(PackagesFixture packages, string name, string spec)
    {
        string directory = Path.Combine(packages.Root, name);
        Directory.CreateDirectory(Path.Combine(directory, "Models"));
        WriteNuGetConfig(packages, directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- Advisories published later for a dependency must not turn this test red; they still print. -->
                <WarningsNotAsErrors>NU1901;NU1902;NU1903;NU1904</WarningsNotAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QuickDrawDsl.Generator" Version="{packages.Version}" />
                <PackageReference Include="QuickDrawDsl.Runtime" Version="{packages.Version}" />
                <PackageReference Include="{LibTorchPackage}" Version="{LibTorchVersion}" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Consumer;
            using TorchSharp;
            using static TorchSharp.torch;

            torch.random.manual_seed(7);
            using var model = new Tiny();
            using Tensor output = model.call(randn(2, 5, 3));
            Console.WriteLine("shape=" + string.Join("x", output.shape));
            Console.WriteLine("ParameterCount=" + Tiny.ParameterCount);
            Console.WriteLine("parameters()=" + model.parameters().Sum(p => p.numel()));

            """);
        File.WriteAllText(Path.Combine(directory, "Models", "Tiny.model.yaml"), spec);
        return directory;
    }

    /// <summary>
    /// Writes the <c>nuget.config</c> of a project outside the repository: the packed packages' folder and nuget.org,
    /// nothing of the machine's own sources.
    /// </summary>
    public static void WriteNuGetConfig(PackagesFixture packages, string directory)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages.PackageDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>

            """);
    }
}
