using System;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>Linear → ReLU → Dropout → Linear, initialized from a seed without touching torch's global generator.</summary>
internal sealed class TinyClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public TinyClassifier(int inputs, int hiddenUnits, int classes, long seed, double dropoutRate = 0.0)
        : base(TorchNative.Loaded(nameof(TinyClassifier)))
    {
        hidden = nn.Linear(inputs, hiddenUnits);
        dropout = nn.Dropout(dropoutRate);
        output = nn.Linear(hiddenUnits, classes);
        RegisterComponents();
        Initialize(this, seed);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return output.call(dropout.call(nn.functional.relu(hidden.call(input)))).MoveToOuterDisposeScope();
    }

    /// <summary>Fills every parameter with uniform values in ±1/sqrt(fan-in) from a <see cref="ShuffleRandom"/>.</summary>
    public static void Initialize(nn.Module module, long seed)
    {
        var random = new ShuffleRandom(seed);
        using var noGrad = no_grad();
        foreach ((string _, Parameter p) in module.named_parameters())
        {
            long fanIn = p.shape.Length > 1 ? p.shape[1] : p.shape[0];
            var values = new float[p.numel()];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(((2 * random.NextDouble()) - 1) / Math.Sqrt(fanIn));
            }

            using Tensor t = tensor(values, p.shape);
            p.copy_(t);
        }
    }
}
