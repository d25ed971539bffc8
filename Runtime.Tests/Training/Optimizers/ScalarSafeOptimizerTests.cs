using System;
using System.Linq;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training.Optimizers;

/// <summary>
/// The scalar-safe optimizers must be TorchSharp's own, update for update: after 25 steps of the same gradients the
/// weights and optimizer state are bit-identical, so runs, checkpoints and measured results do not move.
/// </summary>
public sealed class ScalarSafeOptimizerTests
{
    public static TheoryData<string> Kinds => new() { "adam", "adam-l2", "adamw", "sgd", "sgd-momentum", "sgd-nesterov-l2" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void StepsAreBitIdenticalToTorchSharps(string kind)
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(7);
        using var scope = NewDisposeScope();
        using var ours = nn.Linear(6, 4);
        using var theirs = nn.Linear(6, 4);
        theirs.load_state_dict(ours.state_dict());

        using optim.Optimizer safe = Create(kind, ours, safe: true);
        using optim.Optimizer reference = Create(kind, theirs, safe: false);
        for (int step = 0; step < 25; step++)
        {
            using var inner = NewDisposeScope();
            Tensor x = randn(8, 6);
            Tensor y = randn(8, 4);
            foreach ((nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer) in new[] { ((nn.Module<Tensor, Tensor>)ours, safe), (theirs, reference) })
            {
                optimizer.zero_grad();
                nn.functional.mse_loss(model.call(x), y).backward();
                optimizer.step();
            }
        }

        Tensor[] a = ours.parameters().ToArray();
        Tensor[] b = theirs.parameters().ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            (a[i] - b[i]).abs().max().item<float>().ShouldBe(0f, $"parameter {i} after 25 steps");
        }

        // The steps moved the weights, so the equality above compares two real trajectories.
        torch.random.manual_seed(7);
        using var initial = nn.Linear(6, 4);
        (a[0] - initial.weight!).abs().max().item<float>().ShouldBeGreaterThan(1e-3f);
    }

    [Fact]
    public void StateDictionariesAreInterchangeable()
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(8);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 2);
        using var safe = new QuickDrawDsl.Runtime.Training.Optimizers.AdamW(model.parameters(), 0.01, weightDecay: 0.1);
        for (int i = 0; i < 3; i++)
        {
            safe.zero_grad();
            model.call(randn(4, 3)).sum().backward();
            safe.step();
        }

        using var stream = new System.IO.MemoryStream();
        using (var writer = new System.IO.BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            safe.save_state_dict(writer);
        }

        stream.Position = 0;
        using TorchSharp.Modules.AdamW plain = optim.AdamW(model.parameters(), 0.01, weight_decay: 0.1);
        using (var reader = new System.IO.BinaryReader(stream))
        {
            plain.load_state_dict(reader);
        }

        plain.state_dict().State.Cast<TorchSharp.Modules.AdamW.State>().Select(s => s.step).ShouldBe([3L, 3L]);
    }

    private static optim.Optimizer Create(string kind, nn.Module model, bool safe) => kind switch
    {
        "adam" => safe ? new QuickDrawDsl.Runtime.Training.Optimizers.Adam(model.parameters(), 0.01) : optim.Adam(model.parameters(), 0.01),
        "adam-l2" => safe ? new QuickDrawDsl.Runtime.Training.Optimizers.Adam(model.parameters(), 0.01, weightDecay: 0.05) : optim.Adam(model.parameters(), 0.01, weight_decay: 0.05),
        "adamw" => safe ? new QuickDrawDsl.Runtime.Training.Optimizers.AdamW(model.parameters(), 0.01, weightDecay: 0.05) : optim.AdamW(model.parameters(), 0.01, weight_decay: 0.05),
        "sgd" => safe ? new QuickDrawDsl.Runtime.Training.Optimizers.SGD(model.parameters(), 0.05) : optim.SGD(model.parameters(), 0.05),
        "sgd-momentum" => safe ? new QuickDrawDsl.Runtime.Training.Optimizers.SGD(model.parameters(), 0.05, momentum: 0.9) : optim.SGD(model.parameters(), 0.05, momentum: 0.9),
        "sgd-nesterov-l2" => safe ? new QuickDrawDsl.Runtime.Training.Optimizers.SGD(model.parameters(), 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true) : optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 0.01, nesterov: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
