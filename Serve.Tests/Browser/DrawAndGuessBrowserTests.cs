using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Examples.QuickDraw.Serve;
using QuickDrawDsl.Runtime.Data.Strokes;
using QuickDrawDsl.Runtime.Tests.Data.Strokes;
using QuickDrawDsl.Serve.Tests.Infrastructure;

namespace QuickDrawDsl.Serve.Tests.Browser;

/// <summary>
/// The page in a real browser: test drawings from the shared data drawn stroke by stroke with the mouse, in both modes;
/// the label the page shows must be <c>quickdraw predict</c>'s top-1 for the drawing the page recorded.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class DrawAndGuessBrowserTests(ServedRun served, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The 0..255 drawing goes into the middle of the 400 px canvas at 1.25 px per unit.
    private const float Margin = 40f, Scale = 1.25f;

    [Fact]
    public async Task ThePageShowsWhatQuickdrawPredictAnswersInBothModes()
    {
        IPage page = await browser.Session.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(served.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-state=ready]");
        (await page.EvaluateAsync<bool>("() => self.crossOriginIsolated")).ShouldBeTrue("COOP/COEP make the page cross-origin isolated, so onnxruntime-web may use threads");

        // One test drawing per class.
        Drawing[] drawings = ServedRun.Categories.Select(c => served.TestDrawings.First(d => d.Word == c)).ToArray();
        string artifacts = TestPaths.Artifacts();
        foreach (string mode in new[] { "server", "browser" })
        {
            await page.CheckAsync($"input[name=mode][value={mode}]");
            await page.WaitForFunctionAsync("m => window.quickdraw.mode === m && document.body.dataset.state !== 'busy'", mode);
            foreach (Drawing drawing in drawings)
            {
                await page.ClickAsync("#clear");
                await DrawAsync(page, drawing);
                JsonElement recorded = await page.EvaluateAsync<JsonElement>("() => window.quickdraw.drawing()");
                int points = recorded.EnumerateArray().Sum(s => s[0].GetArrayLength());
                recorded.GetArrayLength().ShouldBe(drawing.Strokes.Count);
                points.ShouldBeGreaterThanOrEqualTo(drawing.PointCount);
                await page.WaitForFunctionAsync(
                    "e => { const s = window.quickdraw.shown(); return document.body.dataset.state === 'ready' && s && s.mode === e.mode && s.points === e.points; }",
                    new { mode, points });

                string shownLabel = (await page.Locator("#predictions li:first-child .label").TextContentAsync())!;
                string shownPercent = (await page.Locator("#predictions li:first-child .probability").TextContentAsync())!;
                DrawingPrediction expected = served.PredictWithCli([recorded.GetRawText()])[0];
                shownLabel.ShouldBe(expected.Top[0].Label, $"{mode} mode, a {drawing.Word}");
                double percent = double.Parse(shownPercent.Replace("%", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                percent.ShouldBe(expected.Top[0].Probability * 100, 0.051, $"{mode} mode, a {drawing.Word}");
                (await page.Locator("#predictions li").CountAsync()).ShouldBe(3);
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, $"draw-and-guess-{mode}.png") });
        }

        // Undo takes the last stroke away, and the guesses follow.
        int strokes = await page.EvaluateAsync<int>("() => window.quickdraw.drawing().length");
        await page.ClickAsync("#undo");
        await page.WaitForFunctionAsync("n => document.body.dataset.state === 'ready' && window.quickdraw.shown().strokes === n", strokes - 1);
        errors.ShouldBeEmpty();
        await page.CloseAsync();
    }

    [Fact]
    public async Task ThePagesPreprocessingMatchesTheServersTo1e5()
    {
        IPage page = await browser.Session.NewPageAsync();
        await page.GotoAsync(served.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-state=ready]");

        // Simplified drawings as they are, and canvas-like raw versions of them (sizes, offsets, jitter, times).
        var random = new Random(2);
        List<Drawing> drawings = [.. served.TestDrawings, .. served.TestDrawings.Select(d => RawDrawingMaker.FromSimplified(d, random))];
        string[] json = drawings.Select(ServedRun.StrokesJson).ToArray();
        float[][] inPage = await page.EvaluateAsync<float[][]>("all => all.map(d => Array.from(window.quickdraw.features(JSON.parse(d))))", json);

        using SketchModel model = SketchModel.Load(served.Run.Path);
        inPage.Length.ShouldBe(60);
        double worst = 0;
        for (int i = 0; i < drawings.Count; i++)
        {
            float[] server = model.Features(ToApiStrokes(json[i]));
            inPage[i].Length.ShouldBe(server.Length, $"drawing {i}");
            for (int k = 0; k < server.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(server[k] - inPage[i][k]));
            }
        }

        worst.ShouldBeLessThanOrEqualTo(1e-5);
        await page.CloseAsync();
    }

    // What the server makes of a JSON drawing: the API's own parser, so both sides start from the same floats.
    private static IReadOnlyList<Stroke> ToApiStrokes(string strokesJson) =>
        QuickDrawDsl.Examples.QuickDraw.Serve.Api.DrawingParser.Parse(System.Text.Encoding.UTF8.GetBytes("{\"drawing\": " + strokesJson + "}"), new ServeOptions()).Strokes!;

    private static async Task DrawAsync(IPage page, Drawing drawing)
    {
        LocatorBoundingBoxResult box = (await page.Locator("#canvas").BoundingBoxAsync())!;
        (float X, float Y) At(Stroke s, int i) => (box.X + Margin + (s.X[i] * Scale), box.Y + Margin + (s.Y[i] * Scale));
        foreach (Stroke stroke in drawing.Strokes)
        {
            (float x0, float y0) = At(stroke, 0);
            await page.Mouse.MoveAsync(x0, y0);
            await page.Mouse.DownAsync();
            for (int i = 1; i < stroke.PointCount; i++)
            {
                (float x, float y) = At(stroke, i);
                await page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = 1 });
            }

            await page.Mouse.UpAsync();
        }
    }
}
