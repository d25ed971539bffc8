using QuickDrawDsl.Runtime.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>A two-input module (input, lengths) as the notes describe: masked mean over valid steps, then a linear layer.</summary>
internal sealed class TwoInputMeanModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear head;

    public TwoInputMeanModel(int features, int classes)
        : base(TorchNative.Loaded(nameof(TwoInputMeanModel)))
    {
        head = nn.Linear(features, classes);
        RegisterComponents();
        TinyClassifier.Initialize(this, 71);
    }

    public override Tensor forward(Tensor input, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        Tensor mask = arange(input.shape[1], dtype: ScalarType.Int64).unsqueeze(0).lt(lengths.unsqueeze(1)).to_type(input.dtype).unsqueeze(2);
        Tensor mean = (input * mask).sum(1) / lengths.to_type(input.dtype).unsqueeze(1);
        return head.call(mean).MoveToOuterDisposeScope();
    }
}
