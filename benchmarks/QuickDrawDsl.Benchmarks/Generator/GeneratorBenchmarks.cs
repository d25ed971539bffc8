using System;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using QuickDrawDsl.Generator;

namespace QuickDrawDsl.Benchmarks.Generator;

/// <summary>
/// The generator on a compilation with 100 model specs (the ten archetypes, renamed): a cold run, a run after an
/// unrelated C# edit (every step must be cached) and a run after one spec changed.
/// </summary>
public class GeneratorBenchmarks
{
    private CSharpCompilation compilation = null!;
    private CSharpCompilation editedCompilation = null!;
    private AdditionalText[] specs = null!;
    private AdditionalText editedSpec = null!;
    private GeneratorDriver warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        string root = RepoRoot();
        string[] archetypes = Directory.GetFiles(Path.Combine(root, "Examples", "Archetypes", "Models"), "*.model.yaml").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        specs = Enumerable.Range(0, 100).Select(i =>
        {
            string file = archetypes[i % archetypes.Length];
            string model = Path.GetFileName(file).Replace(".model.yaml", string.Empty, StringComparison.Ordinal);
            string text = File.ReadAllText(file).Replace("model: " + model, $"model: {model}{i:D3}", StringComparison.Ordinal);
            return (AdditionalText)new SpecText($"/bench/Models/{model}{i:D3}.model.yaml", text);
        }).ToArray();
        editedSpec = new SpecText(specs[1].Path, specs[1].GetText()!.ToString().Replace("units: 7", "units: 14", StringComparison.Ordinal).Replace("[7]", "[14]", StringComparison.Ordinal));

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var trees = Enumerable.Range(0, 20).Select(i => CSharpSyntaxTree.ParseText($"namespace App {{ public sealed class Service{i} {{ public int Run(int x) => x * {i}; }} }}", path: $"Service{i}.cs"));
        compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        editedCompilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("namespace App { public sealed class Service0 { public int Run(int x) => x + 1; } }", path: "Service0.cs"));
        warmDriver = NewDriver().RunGenerators(compilation);
    }

    [Benchmark(Baseline = true, Description = "cold run, 100 specs")]
    public int ColdRun() => NewDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "after an unrelated C# edit")]
    public int UnrelatedEdit() => warmDriver.RunGenerators(editedCompilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "after editing one spec")]
    public int OneSpecEdit() => warmDriver.ReplaceAdditionalText(specs[1], editedSpec).RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], additionalTexts: specs,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    internal static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuickDrawDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        private readonly SourceText source = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => source;
    }
}
