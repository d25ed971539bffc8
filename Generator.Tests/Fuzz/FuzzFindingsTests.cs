using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Fuzz;

/// <summary>
/// Specs the property test (<see cref="SpecPropertyTests"/>) found breaking the contract while the generator was
/// hardened, kept as fixed cases: each now compiles cleanly or gets the located error shown.
/// </summary>
public sealed class FuzzFindingsTests
{
    public static TheoryData<string, string?> Findings => new()
    {
        // An option named Clone: records may not have a member of that name (CS8859).
        { "model: Net\noptions: { Clone: 0 }\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(2,19): error QD0015: Option 'Clone' and the member 'Clone' every record has both become 'Clone' in NetOptions; rename option 'Clone'" },

        // An input named forward: 'forward(forward, null)' called the parameter (CS0149).
        { "model: Net\ninput: { name: forward, shape: [time, 3] }\nlayers: [ { lstm: { units: 8 } } ]\n", null },

        // An option size inside time_distributed: the unfolding reshape in forward used the constructor's 'options' (CS0103).
        { "model: Net\noptions: { head: 4 }\ninput: { shape: [time, 3, 5, 7] }\nlayers:\n  - time_distributed: { conv2d: { filters: $head, kernel: 3 } }\n  - time_distributed: { flatten: {} }\n  - layernorm: {}\n", null },

        // A per-axis kernel with a single stride: TorchSharp takes all sizes or all tuples (CS1503).
        { "model: Net\ninput: { shape: [2, 7, 4] }\nlayers:\n  - conv2d: { filters: 3, kernel: [2, 3], stride: 2, padding: same }\n  - maxpool: { size: [2, 1], stride: 1 }\n", null },

        // batchnorm on a sequence of images read the dynamic time axis as its channels (a parameter count of -2, then an overflow).
        { "model: Net\ninput: { shape: [time, 2, 5, 8] }\nlayers:\n  - time_distributed: { maxpool: {} }\n  - batchnorm: {}\n", "Net.model.yaml(5,5): error QD0107: Layer 'batchnorm_0' (batchnorm) expects an image or clip with a fixed number of channels but gets [time, 2, 2, 4]; wrap it in 'time_distributed' to apply it to each step of a sequence of images or clips" },

        // dense on a float sequence [time] read the dynamic axis as its features (nn.Linear(-1, 2)).
        { "model: Net\ninput: { shape: [time] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(3,13): error QD0107: Layer 'dense_0' (dense) expects a vector of fixed size but gets [time]; token ids [time] need an 'embedding' first (input dtype: int64)" },

        // An empty key before a nested mapping: YamlDotNet's loader threw ArgumentException (QD0900); located where its scanner stopped.
        { "model: Net\ninput: { shape: [4] }\nlayers:\n  - :\n      units: 8\n", "Net.model.yaml(5,15): error QD0001: YAML syntax error: cannot read past this point; check above for an unclosed '{', '[' or quote, or a key missing before ':'" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void FixedFinding(string spec, string? error)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec));

        if (error is null)
        {
            run.Diagnostics.ShouldBeEmpty(string.Join("\n", run.Messages));
            run.CompileProblems().ShouldBeEmpty();
        }
        else
        {
            run.Sources.ShouldBeEmpty();
            run.Messages.ShouldBe([error]);
        }
    }
}
