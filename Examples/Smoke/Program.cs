using System;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

// Smoke check of a fresh machine: load libtorch, build a tiny model, run one training step.
try
{
    TorchNative.EnsureLoaded();
}
catch (TorchNativeLoadException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

torch.random.manual_seed(42);
using var model = nn.Sequential(
    ("fc1", nn.Linear(3, 16)),
    ("relu", nn.ReLU()),
    ("fc2", nn.Linear(16, 2)));
using var optimizer = optim.Adam(model.parameters(), lr: 0.01);

using var scope = NewDisposeScope();
Tensor x = randn(32, 3);
Tensor y = (x.sum(1) > 0).to_type(ScalarType.Int64);

Tensor before = nn.functional.cross_entropy(model.call(x), y);
optimizer.zero_grad();
before.backward();
optimizer.step();
Tensor after = nn.functional.cross_entropy(model.call(x), y);

Console.WriteLine($"libtorch {torch.__version__} on CPU: one Adam step, loss {before.item<float>():F4} -> {after.item<float>():F4}");
return after.item<float>() < before.item<float>() ? 0 : 2;
