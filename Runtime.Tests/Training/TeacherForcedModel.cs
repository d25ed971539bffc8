using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>Regression model that sees the target while training (a stand-in for a teacher-forced decoder).</summary>
internal sealed class TeacherForcedModel : nn.Module<Tensor, Tensor>, ITeacherForcedModel
{
    private readonly Linear head;

    public TeacherForcedModel()
        : base(TorchNative.Loaded(nameof(TeacherForcedModel)))
    {
        head = nn.Linear(2, 1);
        RegisterComponents();
        TinyClassifier.Initialize(this, 31);
    }

    public int PlainCalls { get; private set; }

    public int TeacherForcedCalls { get; private set; }

    public override Tensor forward(Tensor input)
    {
        PlainCalls++;
        return head.call(input);
    }

    public Tensor forward(Tensor input, Tensor target)
    {
        TeacherForcedCalls++;
        target.shape[0].ShouldBe(input.shape[0]);
        return head.call(input);
    }
}
