using System;
using System.Linq;
using QuickDrawDsl.Examples.Forecasting.Book;
using QuickDrawDsl.Examples.Forecasting.Book.Sarima;
using QuickDrawDsl.Runtime.Tests.Infrastructure;
using QuickDrawDsl.Runtime.Tests.Training;

namespace QuickDrawDsl.Examples.Tests.InProcess;

/// <summary>
/// The book mode's SARIMA against statsmodels 0.13.5 (<c>statsmodels.tsa.arima.model.ARIMA</c>), the library the
/// chapter uses: the same log-likelihood and forecast at given parameters (which checks the state space, its
/// initialisation and the Kalman filter), the same maximum, and the chapter's daily refit. They run alone, after the
/// parallel tests: the refit's thousands of small allocations bring on garbage collections, and a collection during a
/// parallel training test can free a Scalar that TorchSharp 0.107's optimizer step still uses (seen twice in
/// SketchGeneration's AdamW step: "Unknown scalar type", "Expected false to be true" from c10's Scalar).
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class SarimaTests
{
    private static readonly Lazy<BookData> Data = new(() => BookData.Load(Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv")));

    // Rail, 2019-01-01..2019-02-28: the series of the chapter's first refit.
    private static double[] JanuaryAndFebruary => Data.Value.Table.Column("rail").Skip(Data.Value.Table.IndexOf(new DateOnly(2019, 1, 1))).Take(59).ToArray();

    [Theory]
    [InlineData(1, 0, 0, 0, 1, 1, 7, new[] { 0.7121401486, -0.6338976498, 2.380626901e10 }, -687.6238921548, 696_955.515307)]
    [InlineData(2, 1, 1, 1, 0, 0, 7, new[] { 0.3, -0.2, -0.5, 0.6, 3e10 }, -778.1993183384, 694_053.349700)]
    [InlineData(0, 1, 2, 1, 1, 1, 7, new[] { -0.4, 0.1, 0.2, -0.7, 2e10 }, -683.5240063369, 712_008.780253)]
    public void TheLikelihoodAndForecastAtGivenParametersAreStatsmodels(int p, int d, int q, int sp, int sd, int sq, int s, double[] parameters, double logLikelihood, double forecast)
    {
        // Reference: ARIMA(y, order=(p,d,q), seasonal_order=(P,D,Q,s)).loglike(params) and .filter(params).forecast().
        var order = new SarimaOrder(p, d, q, sp, sd, sq, s);
        SarimaFilterResult result = new SarimaStateSpace(order, SarimaParameters.FromVector(order, parameters)).Filter(JanuaryAndFebruary);

        result.LogLikelihood.ShouldBe(logLikelihood, 1e-6);
        result.NextForecast.ShouldBe(forecast, 1e-4);
        result.Observations.ShouldBe(59 - d - (s * sd));
    }

    [Fact]
    public void TheFitReachesTheMaximumStatsmodelsReachesWithATightTolerance()
    {
        // statsmodels' default L-BFGS stops at φ 0.7121, Θ −0.6339, σ² 2.38e10 (log-likelihood −687.624); with
        // maxiter=1000, pgtol=1e-12, factr=10 it reaches φ 0.729296, Θ −0.683595, σ² 1.62585e10, −685.9967960625.
        SarimaFit fit = SarimaModel.Fit(JanuaryAndFebruary, SarimaOrder.Chapter);

        fit.Converged.ShouldBeTrue();
        fit.Parameters.Ar[0].ShouldBe(0.729296, 2e-5);
        fit.Parameters.SeasonalMa[0].ShouldBe(-0.683595, 2e-5);
        (fit.Parameters.Variance / 1.62585e10).ShouldBe(1, 1e-4);
        fit.LogLikelihood.ShouldBe(-685.9967960625, 1e-7);
        fit.LogLikelihood.ShouldBeGreaterThan(-687.6238921548);
        fit.NextForecast.ShouldBe(697_091.68, 1);
    }

    [Fact]
    public void TheChaptersDailyRefitGivesTheExactMaximumLikelihoodFigure()
    {
        // The chapter's loop (92 fits, 2019-03-01..2019-05-31): statsmodels with the tight tolerance gives 32,144.3847;
        // with its default tolerance 32,040.72, the chapter's 32,041.
        BookBaselineResult row = BookBaselines.Sarima(Data.Value, out var fits);

        fits.Count.ShouldBe(92);
        fits.ShouldAllBe(f => f.Converged);
        row.Mae.ShouldBe(32_144.3847, 0.5);
        row.ChapterMae.ShouldBe(32_041);
    }

    [Fact]
    public void TheStationaryTransformMapsEveryRealVectorToAStationaryPolynomialAndBack()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] x = Enumerable.Range(0, 1 + (trial % 4)).Select(_ => (random.NextDouble() - 0.5) * 8).ToArray();
            double[] phi = StationaryTransform.Constrain(x);
            StationaryTransform.IsStationary(phi).ShouldBeTrue();
            StationaryTransform.Unconstrain(phi).ShouldBe(x, 1e-8);
        }

        StationaryTransform.IsStationary([1.2]).ShouldBeFalse();
        StationaryTransform.IsStationary([0.5, 0.6]).ShouldBeFalse(); // 1 − 0.5L − 0.6L² has a root inside the unit circle
        StationaryTransform.IsStationary([0.5, 0.3]).ShouldBeTrue();
    }

    [Fact]
    public void AnImpossibleOrderOrATooShortSeriesIsRefused()
    {
        Should.Throw<ArgumentException>(() => new SarimaOrder(1, 0, 0, 0, 1, 1, 0).Validate()).Message.ShouldContain("period");
        Should.Throw<ArgumentException>(() => new SarimaOrder(-1, 0, 0, 0, 0, 0, 0).Validate());
        Should.Throw<ArgumentException>(() => SarimaModel.Fit(new double[9], SarimaOrder.Chapter)).Message.ShouldContain("needs at least 11 observations");
        Should.Throw<ArgumentException>(() => SarimaModel.Fit(Enumerable.Range(0, 30).Select(i => i == 12 ? double.NaN : i).ToArray(), SarimaOrder.Chapter));
    }
}
