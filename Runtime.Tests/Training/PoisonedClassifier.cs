using System.Collections.Generic;
using QuickDrawDsl.Runtime.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>What <see cref="PoisonedClassifier"/> makes non-finite at its poisoned training call.</summary>
public enum Poison
{
    /// <summary>The output (so the loss) is NaN.</summary>
    Loss,

    /// <summary>The output and the loss stay finite; the gradients of the first layer are NaN (0 · ∞ through sqrt at 0).</summary>
    Gradient,
}

/// <summary>
/// Linear → ReLU → Linear that turns non-finite at one known training forward call (1-based, counted across epochs),
/// and remembers its weights as they were at that call, i.e. after the last finite optimizer step.
/// </summary>
internal sealed class PoisonedClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly int poisonedCall;
    private readonly Poison poison;
    private int trainingCalls;

    public PoisonedClassifier(int inputs, int hiddenUnits, int classes, long seed, int poisonedCall, Poison poison = Poison.Loss)
        : base(TorchNative.Loaded(nameof(PoisonedClassifier)))
    {
        hidden = nn.Linear(inputs, hiddenUnits);
        output = nn.Linear(hiddenUnits, classes);
        RegisterComponents();
        TinyClassifier.Initialize(this, seed);
        this.poisonedCall = poisonedCall;
        this.poison = poison;
    }

    /// <summary>Training forward calls so far.</summary>
    public int TrainingCalls => trainingCalls;

    /// <summary>The weights when the poisoned call ran (null until it runs).</summary>
    public Dictionary<string, float[]>? WeightsAtPoisonedCall { get; private set; }

    /// <summary>A copy of every parameter's values, keyed by name.</summary>
    public Dictionary<string, float[]> Weights()
    {
        var weights = new Dictionary<string, float[]>();
        foreach ((string name, Parameter p) in named_parameters())
        {
            weights[name] = p.detach().cpu().data<float>().ToArray();
        }

        return weights;
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        bool poisoned = training && ++trainingCalls == poisonedCall;
        if (poisoned)
        {
            WeightsAtPoisonedCall = Weights();
        }

        Tensor y = output.call(nn.functional.relu(hidden.call(input)));
        if (poisoned && poison == Poison.Loss)
        {
            y = y * float.NaN;
        }
        else if (poisoned && poison == Poison.Gradient)
        {
            // Forward adds exactly 0; backward multiplies 0 by d sqrt(z)/dz at z = 0, which is +∞: NaN gradients.
            Tensor zero = hidden.weight! - hidden.weight!.detach();
            y = y + (0 * zero.sqrt().sum());
        }

        return y.MoveToOuterDisposeScope();
    }
}
