using System.IO;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Attributes;

/// <summary>
/// Attribute strings are data, never YAML structure; a class that cannot take the generated part is a located
/// QD0013; a model class in the global namespace is generated in the global namespace.
/// </summary>
public sealed class AttributeHardeningTests
{
    [Theory]
    [InlineData("[QuickDrawDsl.Layer(\"dense\", \"units: 16 }\\n  - gru: { units: 3\")]", "Source0.cs(5,6): error QD0017: The parameters of [Layer] must be 'key: value' pairs separated by commas, on one line (e.g. \"units: 16, activation: relu\"): it contains U+000A (line feed)")]
    [InlineData("[QuickDrawDsl.Layer(\"dense\", \"units: 16 } # \")]", "Source0.cs(5,6): error QD0017: The parameters of [Layer] must be 'key: value' pairs separated by commas, on one line (e.g. \"units: 16, activation: relu\"): it closes the mapping early ('}' before its end)")]
    [InlineData("[QuickDrawDsl.Layer(\"dense\", \"units: 16 }, extra: { a: 1\")]", "Source0.cs(5,6): error QD0017: The parameters of [Layer] must be 'key: value' pairs separated by commas, on one line (e.g. \"units: 16, activation: relu\"): it closes the mapping early ('}' before its end)")]
    [InlineData("[QuickDrawDsl.Layer(\"dense\", \"units: *big\")]", "Source0.cs(5,6): error QD0017: The parameters of [Layer] must be 'key: value' pairs separated by commas, on one line (e.g. \"units: 16, activation: relu\"): it contains an alias ('*')")]
    [InlineData("[QuickDrawDsl.Layer(\"dense\", \"units: [1\")]", "Source0.cs(5,6): error QD0017: The parameters of [Layer] must be 'key: value' pairs separated by commas, on one line (e.g. \"units: 16, activation: relu\"): it is not valid YAML (While parsing a flow sequence, did not find expected ',' or ']'.)")]
    [InlineData("[QuickDrawDsl.Layer(\"dense: { units: 2 }\\n  - gru\", \"units: 2\")]", "Source0.cs(5,6): error QD0010: Unknown layer type 'dense: { units: 2 }\\n  - gru'; valid types: dense, dropout, activation, batchnorm, layernorm, embedding, conv1d, conv2d, conv3d, maxpool, avgpool, global_avgpool, global_maxpool, flatten, lstm, gru, rnn, time_distributed, repeat_vector, attention, residual")]
    [InlineData("[QuickDrawDsl.ModelOption(\"a: 1\\n  b\", 2L)]", "Source0.cs(5,6): error QD0005: 'a: 1\\n  b' is not a valid C# option name: it contains ':'; use only letters A-Z and a-z, digits and '_'")]
    [InlineData("[QuickDrawDsl.ModelLabels(\"cat\\ndog\")]", "Source0.cs(5,6): error QD0016: 'labels[0]': it contains U+000A (line feed), a control character or line break; remove it")]
    public void AttributeStringsCannotAddStructure(string attribute, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(WithAttributes($$"""
            namespace App
            {
                [QuickDrawDsl.Model]
                [QuickDrawDsl.ModelInput("x", 4)]
                {{attribute}}
                [QuickDrawDsl.Layer("dense", "units: 2")]
                public partial class Net { }
            }
            """));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldBe([expected]);
    }

    [Fact]
    public void ADescriptionWithLineBreaksAndQuotesCompiles()
    {
        GeneratorRun run = GeneratorRun.Of(WithAttributes("""
            namespace App
            {
                [QuickDrawDsl.Model(Description = "Two \"quoted\" lines:\nfirst & second </summary>\u2028third")]
                [QuickDrawDsl.ModelInput("x", 4)]
                [QuickDrawDsl.Layer("dense", "units: 2")]
                public partial class Net { }
            }
            """));

        run.Diagnostics.ShouldBeEmpty();
        run.CompileProblems(run.Inputs.Take(1)).ShouldBeEmpty();
    }

    [Fact]
    public void AModelClassInTheGlobalNamespaceStaysThere()
    {
        GeneratorRun run = GeneratorRun.Of(WithAttributes("""
            [QuickDrawDsl.Model]
            [QuickDrawDsl.ModelInput("x", 4)]
            [QuickDrawDsl.Layer("dense", "units: 2")]
            public partial class GlobalNet { }

            internal static class Use
            {
                public static long Count() => GlobalNet.ParameterCount + new GlobalNetOptions().GetHashCode() * 0;
            }
            """));

        run.Diagnostics.ShouldBeEmpty();
        run.Sources.Keys.ShouldBe(["GlobalNet.g.cs", "GlobalNetOptions.g.cs"], ignoreOrder: true);
        run.Sources["GlobalNet.g.cs"].ShouldNotContain("namespace ");
        run.CompileProblems(run.Inputs.Take(1)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("public partial record Net { }", "declare it as a class, not a record")]
    [InlineData("public static partial class Net { }", "remove 'static'; a model is created with new")]
    [InlineData("public partial class Net : System.Exception { }", "remove its base class 'System.Exception'; the generated part derives from nn.Module<Tensor, Tensor>")]
    [InlineData("public partial class Net { public Net(int size) { } }", "remove its constructor; the generated part declares the constructors (pass options instead)")]
    [InlineData("public partial class Net { public static string Summary() => \"mine\"; }", "rename its member 'Summary'; the generated part declares it")]
    [InlineData("public partial class Net { public int NetOptions; }", "rename its member 'NetOptions'; the generated part declares it")]
    [InlineData("file partial class Net { }", "remove 'file'; the generated part is in another file")]
    public void AClassThatCannotTakeTheGeneratedPartIsALocatedError(string declaration, string problem)
    {
        GeneratorRun run = GeneratorRun.Of(WithAttributes($$"""
            namespace App
            {
                [QuickDrawDsl.Model]
                [QuickDrawDsl.ModelInput("x", 4)]
                [QuickDrawDsl.Layer("dense", "units: 2")]
                {{declaration}}
            }
            """));

        run.Sources.ShouldBeEmpty();
        run.Diagnostics.Select(d => d.Id).ShouldBe(["QD0013"]);
        run.Messages.Single().ShouldStartWith("Source0.cs(6,");
        run.Messages.Single().ShouldEndWith("error QD0013: [Model] class 'Net' must be a top-level, non-generic partial class: " + problem);
    }

    [Fact]
    public void AClassThatAlreadyDerivesFromModuleIsAccepted()
    {
        GeneratorRun run = GeneratorRun.Of(WithAttributes("""
            namespace App
            {
                [QuickDrawDsl.Model]
                [QuickDrawDsl.ModelInput("x", 4)]
                [QuickDrawDsl.Layer("dense", "units: 2")]
                public partial class Net : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
                {
                    /// <summary>A member of the user's own part.</summary>
                    public int Helper() => 1;
                }
            }
            """));

        run.Diagnostics.ShouldBeEmpty();
        run.CompileProblems(run.Inputs.Take(1)).ShouldBeEmpty();
    }

    /// <summary>The test compilation gets the real attribute declarations from Runtime/Attributes.</summary>
    private static string[] WithAttributes(string source) =>
        [source, .. Directory.GetFiles(Path.Combine(RepoFiles.Root(), "Runtime", "Attributes"), "*.cs").OrderBy(f => f, System.StringComparer.Ordinal).Select(File.ReadAllText)];
}
