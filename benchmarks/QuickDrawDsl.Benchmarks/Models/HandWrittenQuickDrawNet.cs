using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QuickDrawDsl.Benchmarks.Models;

/// <summary>
/// QuickDrawClassifier.model.yaml written by hand in TorchSharp, the way its examples do: the baseline the
/// generated module must match in speed.
/// </summary>
public sealed class HandWrittenQuickDrawNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv1 = nn.Conv1d(3, 32, 5, stride: 2, padding: 2);
    private readonly BatchNorm1d norm1 = nn.BatchNorm1d(32);
    private readonly Conv1d conv2 = nn.Conv1d(32, 64, 5, stride: 2, padding: 2);
    private readonly BatchNorm1d norm2 = nn.BatchNorm1d(64);
    private readonly Conv1d conv3 = nn.Conv1d(64, 128, 3, stride: 2, padding: 1);
    private readonly BatchNorm1d norm3 = nn.BatchNorm1d(128);
    private readonly LSTM lstm1 = nn.LSTM(128, 128, batchFirst: true);
    private readonly LSTM lstm2 = nn.LSTM(128, 128, batchFirst: true);
    private readonly Linear head = nn.Linear(128, 345);

    public HandWrittenQuickDrawNet()
        : base(nameof(HandWrittenQuickDrawNet))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor strokes)
    {
        var x = strokes.transpose(1, 2);
        x = norm1.forward(conv1.forward(x));
        x = norm2.forward(conv2.forward(x));
        x = norm3.forward(conv3.forward(x));
        x = x.transpose(1, 2);
        var (sequence, _, _) = lstm1.call(x);
        var (_, h, _) = lstm2.call(sequence);
        return head.forward(h[-1]);
    }
}
