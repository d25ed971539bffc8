using BenchmarkDotNet.Attributes;
using QuickDrawDsl.Examples.Archetypes;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Models;

/// <summary>One forward + backward + Adam step of the generated QuickDraw classifier and of the same network written by hand.</summary>
public class TrainingStepBenchmarks
{
    private nn.Module<Tensor, Tensor> generated = null!;
    private nn.Module<Tensor, Tensor> handWritten = null!;
    private optim.Optimizer generatedOptimizer = null!;
    private optim.Optimizer handWrittenOptimizer = null!;
    private Tensor strokes = null!;
    private Tensor labels = null!;

    [Params(64)]
    public int TimeSteps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(2);
        torch.random.manual_seed(1);
        generated = new QuickDrawClassifier();
        handWritten = new HandWrittenQuickDrawNet();
        generatedOptimizer = optim.Adam(generated.parameters());
        handWrittenOptimizer = optim.Adam(handWritten.parameters());
        strokes = randn(32, TimeSteps, 3);
        labels = randint(0, 345, [32], dtype: ScalarType.Int64);
    }

    [Benchmark(Baseline = true, Description = "hand-written TorchSharp")]
    public float HandWritten() => Step(handWritten, handWrittenOptimizer);

    [Benchmark(Description = "generated from YAML")]
    public float Generated() => Step(generated, generatedOptimizer);

    private float Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(model.call(strokes), labels);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
