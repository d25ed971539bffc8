using System.Linq;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>
/// A decoder with <c>condition: true</c> (Export/Models/ConditionedDecoder.model.yaml): its first LSTM layer reads the
/// previous prediction and the encoder's vector side by side at every step, in both forwards.
/// </summary>
public sealed class ConditionedDecoderTests
{
    [Fact]
    public void TheFirstCellLayerIsWiderByTheEncodersVector()
    {
        using var scope = NewDisposeScope();
        using var model = new ConditionedDecoder();

        // Encoder lstm 4·6·(3+6+2) = 264; decoder layer 0 on 2 fed-back + 6 conditioning features 4·6·(8+6+2) = 384,
        // layer 1 4·6·(6+6+2) = 336; head 6·2+2 = 14.
        ConditionedDecoder.ParameterCount.ShouldBe(264 + 384 + 336 + 14);
        model.parameters().Sum(p => p.numel()).ShouldBe(ConditionedDecoder.ParameterCount);
        Module("decoder", model).named_parameters().Single(p => p.name == "weight_ih_l0").parameter.shape.ShouldBe([24L, 8L]);
        ((IGeneratedModel)model).Info.Layers.Single(l => l.Name == "decoder").Parameters.ShouldBe(384 + 336);
    }

    [Fact]
    public void TeacherForcingFeedsThePreviousTargetAndTheEncodersVectorToEveryStep()
    {
        torch.random.manual_seed(5);
        using var scope = NewDisposeScope();
        using var model = new ConditionedDecoder();
        model.eval();
        Tensor series = randn(3, 11, 3);
        Tensor target = randn(3, 5, 2);

        // The same computation written out from the modules (gradients on, so the LSTMs may be called directly).
        var encoder = (TorchSharp.Modules.LSTM)Module("lstm_0", model);
        var decoder = (TorchSharp.Modules.LSTM)Module("decoder", model);
        var head = (TorchSharp.Modules.Linear)Module("dense_0", model);
        Tensor state = encoder.call(series).Item1[.., -1];                                  // [3, 6]
        Tensor previous = cat([zeros(3, 1, 2), target[.., ..4]], 1);                        // [3, 5, 2]
        Tensor inputs = cat([previous, state.unsqueeze(1).expand(-1, 5, -1)], 2);          // [3, 5, 8]
        Tensor h = state.unsqueeze(0).repeat(2, 1, 1);
        Tensor expected = head.call(decoder.call(inputs, (h, zeros_like(h))).Item1);      // [3, 5, 2]

        Tensor forced = model.forward_teacher_forced(series, target);
        forced.shape.ShouldBe([3L, 5L, 2L]);
        (forced - expected).abs().max().item<float>().ShouldBeLessThan(1e-5f);

        // Free running is teacher forcing on its own predictions, so the encoder's vector reaches every step there too.
        Tensor free = model.call(series);
        (model.forward_teacher_forced(series, free) - free).abs().max().item<float>().ShouldBeLessThan(1e-5f);
    }

    private static nn.Module Module(string name, nn.Module model) => model.named_children().Single(c => c.name == name).module;
}
