using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using QuickDrawDsl.Generator;

namespace QuickDrawDsl.Benchmarks.Generator;

/// <summary>
/// The generator on one spec of 1,250 to 10,000 layers (the limit): a cold run each. Doubling the layers should
/// double the time; the look-ahead for a later recurrent layer once made it quadratic (20k layers 1.7 s, 40k
/// 5.2 s, 80k 18 s before the limit existed).
/// </summary>
public class GeneratorScalingBenchmarks
{
    private CSharpCompilation compilation = null!;
    private AdditionalText spec = null!;

    [Params(1_250, 2_500, 5_000, 10_000)]
    public int Layers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Convolutions, normalisation, dropout and a recurrent layer every 50: every family's inference and emission.
        var text = new StringBuilder("model: Deep\nkind: seq2vec\ninput: { shape: [time, 8] }\nlayers:\n");
        for (int i = 0; i < Layers - 2; i++)
        {
            text.Append((i % 50) switch
            {
                49 => "  - gru: { units: 8, return_sequences: true }\n",
                _ when i % 3 == 0 => "  - conv1d: { filters: 8, kernel: 3, padding: same }\n",
                _ when i % 3 == 1 => "  - layernorm: {}\n",
                _ => "  - dropout: { rate: 0.1 }\n",
            });
        }

        text.Append("  - gru: { units: 8 }\n  - dense: { units: 4 }\n");
        spec = new SpecText("/bench/Models/Deep.model.yaml", text.ToString());
        compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("namespace App { }")], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    [Benchmark(Description = "cold run, one spec")]
    public int ColdRun()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], additionalTexts: [spec]);
        GeneratorDriverRunResult result = driver.RunGenerators(compilation).GetRunResult();
        return result.Diagnostics.IsEmpty ? result.GeneratedTrees.Sum(t => t.Length) : throw new System.InvalidOperationException(result.Diagnostics[0].ToString());
    }

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        private readonly SourceText source = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => source;
    }
}
