using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>
/// Hides an encoder–decoder's teacher-forced forward from the trainer, so training runs the decoder as it runs at
/// forecast time: each step fed its own previous forecast.
/// </summary>
internal sealed class FreeRunningDecoder : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> inner;

    public FreeRunningDecoder(torch.nn.Module<torch.Tensor, torch.Tensor> inner)
        : base(nameof(FreeRunningDecoder))
    {
        this.inner = inner;
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input) => inner.call(input);
}
