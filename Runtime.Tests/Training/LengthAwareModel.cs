using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>Mean of the valid steps of each sequence, then a linear layer; counts which forward was used.</summary>
internal sealed class LengthAwareModel : nn.Module<Tensor, Tensor>, ISequenceModel
{
    private readonly Linear head;

    public LengthAwareModel(int features, int classes)
        : base(TorchNative.Loaded(nameof(LengthAwareModel)))
    {
        head = nn.Linear(features, classes);
        RegisterComponents();
        TinyClassifier.Initialize(this, 21);
    }

    public int PlainCalls { get; private set; }

    public int LengthCalls { get; private set; }

    public override Tensor forward(Tensor input)
    {
        PlainCalls++;
        return head.call(input.mean([1]));
    }

    public Tensor forward(Tensor input, Tensor lengths)
    {
        LengthCalls++;
        using var scope = NewDisposeScope();
        long steps = input.shape[1];
        Tensor mask = arange(steps, dtype: ScalarType.Int64).unsqueeze(0).lt(lengths.unsqueeze(1)).to_type(input.dtype).unsqueeze(2); // [B, T, 1]
        Tensor mean = (input * mask).sum(1) / lengths.to_type(input.dtype).unsqueeze(1);
        return head.call(mean).MoveToOuterDisposeScope();
    }
}
