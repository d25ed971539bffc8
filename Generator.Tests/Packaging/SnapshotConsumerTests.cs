using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;

namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// The snapshot workflow as a user meets it, from the packed packages in a folder outside the repository: a model
/// library and two test projects that snapshot it: xunit with the template's test file
/// (docs/templates/snapshot-tests), and NUnit. Accept, pass, change a kernel size (both fail
/// with a diff naming the layer, its new shape and the new parameter count), accept with the dotnet test property,
/// pass. One solution, so the five runs share one restore and one model build each. No native backend is referenced:
/// TorchSharp finds the libtorch this machine restored in the NuGet cache (docs/packaging.md), which keeps three
/// 1 GB copies of it out of the consumer's bin folders and the run to a couple of minutes.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagesCollection.Name)]
public sealed class SnapshotConsumerTests(PackagesFixture packages)
{
    private const string Spec = """
        model: Tiny
        kind: seq2vec
        input:  { name: series, shape: [time, 3] }
        output: { name: logits, shape: [4] }
        layers:
          - conv1d: { filters: 8, kernel: 3 }
          - gru:    { units: 8 }
          - dense:  { units: 4 }

        """;

    private static readonly string[] Frameworks = ["XunitTests", "NUnitTests"];

    [Fact]
    public void TestingPackageHoldsTheLibraryAndTheBuildFiles()
    {
        packages.TestingPack.ExitCode.ShouldBe(0, packages.TestingPack.ToString());
        using ZipArchive zip = ZipFile.OpenRead(packages.TestingPackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        entries.ShouldContain("lib/net10.0/QuickDrawDsl.Testing.dll");
        entries.ShouldContain("lib/net10.0/QuickDrawDsl.Testing.xml");
        entries.ShouldContain("build/QuickDrawDsl.Testing.props");
        entries.ShouldContain("build/QuickDrawDsl.Testing.targets");
    }

    [Fact]
    public void AUserAcceptsSeesAKernelChangeAsADiffAndAcceptsItAgain()
    {
        packages.GeneratorPack.ExitCode.ShouldBe(0, packages.GeneratorPack.ToString());
        packages.RuntimePack.ExitCode.ShouldBe(0, packages.RuntimePack.ToString());
        packages.TestingPack.ExitCode.ShouldBe(0, packages.TestingPack.ToString());
        string root = CreateSolution();
        string[] test = ["test", "Consumer.slnx", "-c", "Release", "--disable-build-servers", "-nologo"];

        // First run: nothing approved yet; accept through the environment variable.
        CliResult first = DotNetCli.Run(root, Environment(update: "1"), test);
        first.ExitCode.ShouldBe(0, first.ToString());
        foreach (string framework in Frameworks)
        {
            Directory.GetFiles(Path.Combine(root, framework), "*.verified.*").Select(Path.GetFileName)
                .ShouldBe(["ModelSnapshotTests.Tiny#Tiny.architecture.verified.txt", "ModelSnapshotTests.Tiny#Tiny.g.verified.cs", "ModelSnapshotTests.Tiny#Tiny.onnx.verified.txt", "ModelSnapshotTests.Tiny#TinyOptions.g.verified.cs"], ignoreOrder: true);
        }

        CliResult unchanged = DotNetCli.Run(root, Environment(update: "0"), test);
        unchanged.ExitCode.ShouldBe(0, unchanged.ToString());

        // Kernel 3 -> 5: conv1d_0 goes from [B, time-2, 8] and 3*3*8+8 = 80 parameters to [B, time-4, 8] and 128.
        string spec = Path.Combine(root, "Models", "Tiny.model.yaml");
        File.WriteAllText(spec, Spec.Replace("kernel: 3", "kernel: 5", StringComparison.Ordinal));
        CliResult changed = DotNetCli.Run(root, Environment(update: "0"), test);
        changed.ExitCode.ShouldNotBe(0, changed.ToString());
        Regex.Matches(changed.Output, @"^\s*-\d+: conv1d_0\s+conv1d\s+\[B, time-2, 8\]\s+80$", RegexOptions.Multiline).Count.ShouldBe(2, changed.ToString());
        Regex.Matches(changed.Output, @"^\s*\+\d+: conv1d_0\s+conv1d\s+\[B, time-4, 8\]\s+128$", RegexOptions.Multiline).Count.ShouldBe(2, changed.ToString());
        Regex.Matches(changed.Output, @"^\s*\+\d+: ParameterCount: 596$", RegexOptions.Multiline).Count.ShouldBe(2, changed.ToString());
        foreach (string framework in Frameworks)
        {
            File.Exists(Path.Combine(root, framework, "ModelSnapshotTests.Tiny#Tiny.architecture.received.txt")).ShouldBeTrue(framework);
        }

        // Accept with the dotnet test property; the switch it writes must not outlive the run that asked for it.
        CliResult accepted = DotNetCli.Run(root, Environment(update: "0"), [.. test, "-p:QdUpdateSnapshots=true"]);
        accepted.ExitCode.ShouldBe(0, accepted.ToString());
        foreach (string framework in Frameworks)
        {
            File.ReadAllText(Path.Combine(root, framework, "ModelSnapshotTests.Tiny#Tiny.architecture.verified.txt")).ShouldContain("ParameterCount: 596\n");
            Directory.GetFiles(Path.Combine(root, framework), "*.received.*").ShouldBeEmpty();
        }

        CliResult again = DotNetCli.Run(root, Environment(update: "0"), test);
        again.ExitCode.ShouldBe(0, again.ToString());
        foreach (string framework in Frameworks)
        {
            File.ReadAllText(Path.Combine(root, framework, "bin", "Release", "net10.0", framework + ".runtimeconfig.json"))
                .ShouldNotContain("QuickDrawDsl.Testing.UpdateSnapshots");
        }
    }

    // CI and QD_UPDATE_SNAPSHOTS are set explicitly: the outer test run's values must not leak into the user's runs.
    private static Dictionary<string, string> Environment(string update) => new() { ["QD_UPDATE_SNAPSHOTS"] = update, ["CI"] = "false" };

    private string CreateSolution()
    {
        string root = Path.Combine(packages.Root, "SnapshotConsumer");
        Directory.CreateDirectory(Path.Combine(root, "Models"));
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages.PackageDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>

            """);
        string template = Path.Combine(Infrastructure.RepoFiles.Root(), "docs", "templates", "snapshot-tests");
        File.Copy(Path.Combine(template, "gitignore"), Path.Combine(root, ".gitignore"));
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- Advisories published later for a dependency must not turn this test red; they still print. -->
                <WarningsNotAsErrors>NU1901;NU1902;NU1903;NU1904;NU1603</WarningsNotAsErrors>
              </PropertyGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(root, "Consumer.slnx"), """
            <Solution>
              <Project Path="Models/Models.csproj" />
              <Project Path="XunitTests/XunitTests.csproj" />
              <Project Path="NUnitTests/NUnitTests.csproj" />
            </Solution>

            """);
        File.WriteAllText(Path.Combine(root, "Models", "Models.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <RootNamespace>App</RootNamespace>
                <!-- The snapshot tests read the generated source of this project's models from its assembly. -->
                <QdEmbedGeneratedSource>true</QdEmbedGeneratedSource>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QuickDrawDsl.Generator" Version="{packages.Version}" />
                <PackageReference Include="QuickDrawDsl.Runtime" Version="{packages.Version}" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(root, "Models", "Tiny.model.yaml"), Spec);
        WriteTestProject(root, "XunitTests", """
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            """, File.ReadAllText(Path.Combine(template, "ModelSnapshotTests.cs")));
        WriteTestProject(root, "NUnitTests", """
                <PackageReference Include="NUnit" Version="4.4.0" />
                <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />
            """, """
            using App;
            using NUnit.Framework;
            using QuickDrawDsl.Testing;

            namespace NUnitTests;

            [TestFixture]
            public sealed class ModelSnapshotTests
            {
                [Test]
                public void Tiny()
                {
                    using var model = new App.Tiny();
                    ModelSnapshot.Verify(model);
                }
            }

            """);
        return root;
    }

    private void WriteTestProject(string root, string name, string frameworkReferences, string test)
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        File.WriteAllText(Path.Combine(root, name, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
            {frameworkReferences}
                <PackageReference Include="QuickDrawDsl.Testing" Version="{packages.Version}" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../Models/Models.csproj" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(root, name, "ModelSnapshotTests.cs"), test);
    }
}
