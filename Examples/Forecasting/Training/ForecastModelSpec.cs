using System;
using QuickDrawDsl.Runtime.Experiments;
using TorchSharp;

namespace QuickDrawDsl.Examples.Forecasting.Training;

/// <summary>One model of the comparison: a generated module from <c>Models/*.model.yaml</c> and how to train and read it.</summary>
/// <param name="Key">The name used by <c>--models</c>.</param>
/// <param name="Label">The name in the results table.</param>
/// <param name="Architecture">How its output is laid out.</param>
/// <param name="Create">Builds the module: the univariate spec (false) or the multivariate one (true).</param>
/// <param name="Training">The spec's <c>training:</c> section (the generated <c>{Model}Training</c>), univariate or multivariate.</param>
internal sealed record ForecastModelSpec(string Key, string Label, ForecastArchitecture Architecture, Func<bool, torch.nn.Module<torch.Tensor, torch.Tensor>> Create, Func<bool, TrainingSection> Training);
