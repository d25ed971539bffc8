using System;
using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>One model of the comparison: a generated module from <c>Models/*.model.yaml</c> and how to train and read it.</summary>
/// <param name="Key">The name used by <c>--models</c>.</param>
/// <param name="Label">The name in the results table.</param>
/// <param name="Architecture">How its output is laid out.</param>
/// <param name="Create">Builds the module: the univariate spec (false) or the multivariate one (true).</param>
internal sealed record ForecastModelSpec(string Key, string Label, ForecastArchitecture Architecture, Func<bool, torch.nn.Module<torch.Tensor, torch.Tensor>> Create);
