using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Emit;

/// <summary>The symbolic lengths after strided windows over a dynamic time axis, as the summary and shape comments show them.</summary>
public sealed class WindowShapeTextTests
{
    [Fact]
    public void StridedWindowsShowTheirOutputLength()
    {
        const string spec = """
            model: Windows
            namespace: App
            kind: seq2vec
            input:  { name: x, shape: [time, 2] }
            output: { name: y, shape: [3] }
            layers:
              - maxpool: { size: 2 }
              - conv1d:  { filters: 4, kernel: 5, stride: 2 }
              - conv1d:  { filters: 4, kernel: 3 }
              - global_maxpool: {}
              - dense:   { units: 3 }
            """;
        GeneratorRun run = GeneratorRun.Of(("/src/Windows.model.yaml", spec));

        run.Diagnostics.ShouldBeEmpty();
        string module = run.Sources["App.Windows.g.cs"];

        // floor((L - 2) / 2) + 1 = floor(L / 2): 12 for 24 steps, 6 for 13.
        module.ShouldContain("x = __maxpool_0.forward(x);                             // [B, 2, floor(time/2)]");

        // floor((L' - 5) / 2) + 1 with L' = floor(L / 2) is floor((L - 6) / 4): 4 for 24 steps (12 → 4), 1 for 13 (6 → 1).
        module.ShouldContain("[B, floor((time-6)/4), 4]");

        // A valid kernel of 3 takes 2 more steps: floor((L - 6) / 4) - 2 = floor((L - 14) / 4), one expression however deep.
        module.ShouldContain("[B, floor((time-14)/4), 4]");
    }
}
