using System.IO;
using System.Text.RegularExpressions;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Emit;

/// <summary>Generated files carry the generator's version from Directory.Build.props, not a copy of it.</summary>
public sealed class GeneratorVersionTests
{
    [Fact]
    public void GeneratedCodeAttributeCarriesTheBuildVersion()
    {
        string props = File.ReadAllText(Path.Combine(RepoFiles.Root(), "Directory.Build.props"));
        string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        version.ShouldNotBeNullOrEmpty();

        GeneratorRun run = GeneratorRun.Of(("/src/Tiny.model.yaml", "model: Tiny\nnamespace: App\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n"));

        run.Diagnostics.ShouldBeEmpty();
        string attribute = $"[global::System.CodeDom.Compiler.GeneratedCode(\"QuickDrawDsl.Generator\", \"{version}\")]";
        run.Sources["App.Tiny.g.cs"].ShouldContain(attribute);
        run.Sources["App.TinyOptions.g.cs"].ShouldContain(attribute);
    }
}
