using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Book;
using QuickDrawDsl.Examples.Forecasting.Models;
using QuickDrawDsl.Examples.Forecasting.Models.Book;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The forecasting example's WaveNets (Hands-On ML ch. 15): dilated causal Conv1D, rates 1, 2, 4, 8 twice, kernel 2,
/// then a 1×1 Conv1D. Their shapes and parameter counts, that no step sees a later day, and that the chapter's row
/// trains on its protocol. Serial: they seed torch's process-wide generator.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class WaveNetForecastingTests : IDisposable
{
    // One causal conv layer of 32 filters, kernel 2, on f inputs, then seven on 32, then the 1×1 to h outputs.
    private const long HiddenLayers = 7 * ((32 * 32 * 2) + 32);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-wavenet-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EachWaveNetMapsEveryStepToItsHorizonWithTheParametersOfItsLayers()
    {
        torch.random.manual_seed(1);
        using var scope = NewDisposeScope();
        foreach ((nn.Module<Tensor, Tensor> model, long features, long horizon) in new (nn.Module<Tensor, Tensor>, long, long)[]
        {
            (new WaveNetForecaster(), 1, 7),
            (new WaveNetForecasterMultivariate(), 4, 7),
            (new BookWaveNet14(), 5, 14),
        })
        {
            using (model)
            {
                long expected = ((features * 32 * 2) + 32) + HiddenLayers + ((32 * horizon) + horizon);
                model.parameters().Sum(p => p.numel()).ShouldBe(expected, model.GetType().Name);
                foreach (long steps in new long[] { 56, 13 })
                {
                    model.call(randn(3, steps, features)).shape.ShouldBe([3L, steps, horizon], model.GetType().Name);
                }
            }
        }
    }

    [Fact]
    public void NoStepSeesALaterDay_AndEachSeesTheThirtyOneDaysUpToIt()
    {
        torch.random.manual_seed(2);
        using var scope = NewDisposeScope();
        using var model = new BookWaveNet14();
        Tensor x = randn(2, 56, 5).requires_grad_(true);

        // Output step 45 depends on input steps 15..45 (receptive field 1 + (1 + 2 + 4 + 8) × 2 = 31), nothing else.
        model.call(x).select(1, 45).sum().backward();
        Tensor reach = x.grad!.abs().sum([0, 2]);
        for (int t = 0; t < 56; t++)
        {
            (reach[t].item<float>() > 0).ShouldBe(t is >= 15 and <= 45, $"step {t}");
        }
    }

    [Fact]
    public void TheChaptersWaveNetRowTrainsOnTheBookProtocolWithFallingLoss()
    {
        string csv = Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv");
        var settings = new BookSettings(csv, Seeds: [1], Rows: ["wavenet-14"], MaxEpochs: 6, Patience: 50, folder);

        BookRowResult row = BookRun.Execute(settings, TextWriter.Null).Rows.Single();
        BookSeedResult run = row.Seeds.Single();

        row.Row.IsChapterRow.ShouldBeTrue();
        row.Row.Metric.ShouldBe(BookMetric.AllSteps);
        run.Parameters.ShouldBe(15_374);
        run.Epochs.ShouldBe(6);
        run.History[^1].TrainLoss.ShouldBeLessThan(run.History[0].TrainLoss * 0.9);
        run.Score.Mae.ShouldBe(run.History.Min(e => e.ValidationMae), 1.0);
        run.Score.Mae.ShouldBeLessThan(200_000);
        run.Score.Details.Keys.ShouldContain("last step");
    }
}
