using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// The packed generator and runtime, used from a project outside the solution: restore from a local folder plus
/// nuget.org, build, run, and see the generator's diagnostics in the build output.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagesCollection.Name)]
public sealed class ConsumerBuildTests
{
    private const string TinySpec = """
        model: Tiny
        kind: seq2vec
        input:  { name: series, shape: [time, 3] }
        output: { name: logits, shape: [4] }
        layers:
          - gru:   { units: 8 }
          - dense: { units: 4 }

        """;

    // Line 6, column 5: 'dtyp' is not a key of 'output'.
    private const string BrokenSpec = """
        model: Tiny
        kind: seq2vec
        input: { name: series, shape: [time, 3] }
        output:
            name: logits
            dtyp: float32
            shape: [4]
        layers:
          - gru:   { units: 8 }
          - dense: { units: 4 }

        """;

    private readonly PackagesFixture packages;

    public ConsumerBuildTests(PackagesFixture packages)
    {
        this.packages = packages;
        packages.GeneratorPack.ExitCode.ShouldBe(0, packages.GeneratorPack.ToString());
        packages.RuntimePack.ExitCode.ShouldBe(0, packages.RuntimePack.ToString());
    }

    [Fact]
    public void GeneratorPackageHoldsTheAnalyzerItsYamlLibraryAndTheBuildProps()
    {
        using ZipArchive zip = ZipFile.OpenRead(packages.GeneratorPackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        entries.ShouldContain("analyzers/dotnet/cs/QuickDrawDsl.Generator.dll");
        entries.ShouldContain("analyzers/dotnet/cs/YamlDotNet.dll");
        entries.ShouldContain("build/QuickDrawDsl.Generator.props");
        entries.ShouldContain("buildTransitive/QuickDrawDsl.Generator.props");
        entries.ShouldContain("build/QuickDrawDsl.Generator.targets");
        entries.ShouldContain("buildTransitive/QuickDrawDsl.Generator.targets");
        entries.ShouldContain("README.md");
        entries.ShouldNotContain(e => e.StartsWith("lib/", StringComparison.Ordinal), "the generator is not a library the consumer references");

        // The schema for editors, identified by its $id (the targets copy it into the consumer's obj/).
        using (Stream schema = zip.GetEntry("schema/model.schema.json")!.Open())
        using (JsonDocument document = JsonDocument.Parse(schema))
        {
            document.RootElement.GetProperty("$id").GetString().ShouldBe("https://github.com/quickdrawdsl/quickdrawdsl/raw/main/docs/schema/model.schema.json");
            document.RootElement.GetProperty("properties").TryGetProperty("layers", out _).ShouldBeTrue();
        }

        XDocument props = XDocument.Load(zip.GetEntry("build/QuickDrawDsl.Generator.props")!.Open());
        props.Descendants().Where(e => e.Name.LocalName == "AdditionalFiles").Select(e => (string?)e.Attribute("Include")).ShouldContain("**/*.model.yaml");
        props.Descendants().Where(e => e.Name.LocalName == "CompilerVisibleProperty").Select(e => (string?)e.Attribute("Include")).ShouldContain("RootNamespace");

        XDocument nuspec = Nuspec(zip);
        nuspec.Descendants().Single(e => e.Name.LocalName == "developmentDependency").Value.ShouldBe("true");
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").ShouldBeEmpty("the analyzer folder carries everything the generator needs");
    }

    [Fact]
    public void GeneratorReferencesNoRoslynNewerThan48()
    {
        using ZipArchive zip = ZipFile.OpenRead(packages.GeneratorPackage);
        using var dll = new MemoryStream();
        using (Stream entry = zip.GetEntry("analyzers/dotnet/cs/QuickDrawDsl.Generator.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        MetadataReader metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences
            .Select(h => metadata.GetAssemblyReference(h))
            .ToDictionary(r => metadata.GetString(r.Name), r => r.Version);

        references.Keys.ShouldBeSubsetOf(["netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable", "System.Memory", "YamlDotNet"]);
        references["Microsoft.CodeAnalysis"].ShouldBeLessThanOrEqualTo(new Version(4, 8, 0, 0));
        if (references.TryGetValue("Microsoft.CodeAnalysis.CSharp", out Version? csharp))
        {
            csharp.ShouldBeLessThanOrEqualTo(new Version(4, 8, 0, 0));
        }

        if (references.TryGetValue("System.Collections.Immutable", out Version? immutable))
        {
            immutable.ShouldBeLessThanOrEqualTo(new Version(7, 0, 0, 0), "Roslyn 4.8 (the .NET 8 SDK) brings System.Collections.Immutable 7");
        }

        if (references.TryGetValue("System.Memory", out Version? memory))
        {
            memory.ShouldBeLessThanOrEqualTo(new Version(4, 0, 1, 2), "Roslyn 4.8 brings System.Memory 4.5.5 (assembly version 4.0.1.2)");
        }
    }

    [Fact]
    public void RuntimePackageDependsOnManagedTorchSharpButLeavesTheNativeBackendToTheConsumer()
    {
        using ZipArchive zip = ZipFile.OpenRead(packages.RuntimePackage);
        zip.Entries.Select(e => e.FullName).ShouldContain("lib/net10.0/QuickDrawDsl.Runtime.dll");
        zip.Entries.Select(e => e.FullName).ShouldContain("lib/net10.0/QuickDrawDsl.Runtime.xml");
        zip.Entries.Select(e => e.FullName).ShouldContain("buildTransitive/QuickDrawDsl.Runtime.props");
        string[] dependencies = Nuspec(zip).Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)
            .ToArray();
        dependencies.ShouldContain("TorchSharp");
        dependencies.ShouldContain("Microsoft.ML.OnnxRuntime");
        dependencies.ShouldContain("Google.Protobuf");
        dependencies.ShouldNotContain(d => d.StartsWith("libtorch-", StringComparison.Ordinal) || d.StartsWith("TorchSharp-", StringComparison.Ordinal));
        dependencies.ShouldNotContain("Grpc.Tools");
    }

    [Fact]
    public void ConsumerBuildsAndRunsAGeneratedModel()
    {
        string consumer = ConsumerProject.Create(packages, "Consumer", TinySpec);

        CliResult build = DotNetCli.Run(consumer, "build", "-c", "Release", "--disable-build-servers", "-nologo");
        build.ExitCode.ShouldBe(0, build.ToString());

        // The package's targets put the spec schema at the stable path editors are told to map.
        File.ReadAllText(Path.Combine(consumer, "obj", "quickdrawdsl", "model.schema.json"))
            .ShouldBe(File.ReadAllText(Path.Combine(RepoFiles.Root(), "docs", "schema", "model.schema.json")));

        CliResult run = DotNetCli.Run(consumer, Path.Combine("bin", "Release", "net10.0", "Consumer.dll"));
        run.ExitCode.ShouldBe(0, run.ToString());

        // The runtime package's buildTransitive props turn background GC off (TorchSharp 0.107 Scalar lifetime).
        File.ReadAllText(Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.runtimeconfig.json"))
            .ShouldContain("\"System.GC.Concurrent\": false");

        // GRU: 3 gates x 8 units x (3 inputs + 8 recurrent + 2 biases); dense: 8 x 4 + 4.
        long expected = (3 * 8 * (3 + 8 + 2)) + ((8 * 4) + 4);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldContain("shape=2x4", run.ToString());
        lines.ShouldContain("ParameterCount=" + expected, run.ToString());
        lines.ShouldContain("parameters()=" + expected, run.ToString());
    }

    [Fact]
    public void ABrokenSpecFailsTheBuildWithTheFileLineColumnAndId()
    {
        string consumer = ConsumerProject.Create(packages, "Broken", BrokenSpec);

        CliResult build = DotNetCli.Run(consumer, "build", "-c", "Release", "--disable-build-servers", "-nologo");

        build.ExitCode.ShouldNotBe(0, build.ToString());
        string expected = Path.Combine(consumer, "Models", "Tiny.model.yaml") + "(6,5): error QD0002: Unknown key 'dtyp' in 'output'; did you mean 'dtype'?";
        build.Output.ShouldContain(expected, Case.Sensitive, build.ToString());
        build.Output.ShouldContain("spec-reference.md#qd0002", Case.Sensitive, build.ToString());
    }

    [Fact]
    public void RunawaySpecsAreLocatedErrorsInTheBuildNotACompilerCrash()
    {
        string consumer = ConsumerProject.Create(packages, "Runaway", TinySpec);

        // 20,000 nested flow mappings overflowed the compiler's stack inside YamlDotNet's loader; 250,000 layers ran for minutes.
        string deep = string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000);
        File.WriteAllText(Path.Combine(consumer, "Models", "Deep.model.yaml"), "model: Deep\ninput: { shape: [4] }\ndescription: " + deep + "\nlayers:\n  - dense: { units: 2 }\n");
        string huge = "model: Huge\ninput: { shape: [4] }\nlayers:\n" + string.Concat(Enumerable.Repeat("  - dense: { units: 4 }\n", 250_000));
        File.WriteAllText(Path.Combine(consumer, "Models", "Huge.model.yaml"), huge);

        CliResult build = DotNetCli.Run(consumer, "build", "-c", "Release", "--disable-build-servers", "-nologo");

        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain(Path.Combine(consumer, "Models", "Deep.model.yaml") + "(3,138): error QD0014: The nesting of mappings and lists exceeds the limit of 32 levels", Case.Sensitive, build.ToString());
        build.Output.ShouldContain(Path.Combine(consumer, "Models", "Huge.model.yaml") + $"(1,1): error QD0014: The spec ({huge.Length:N0} characters) exceeds the limit of 1,048,576 characters", Case.Sensitive, build.ToString());
        build.Output.ShouldNotContain("Stack overflow", Case.Insensitive, build.ToString());
        build.Output.ShouldNotContain("CS8785", Case.Sensitive, build.ToString());
        build.Output.ShouldNotContain("QD0900", Case.Sensitive, build.ToString());
    }

    private static XDocument Nuspec(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream);
    }
}
