using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using QuickDrawDsl.Examples.QuickDraw.Commands;
using QuickDrawDsl.Runtime.Tests.Data.Strokes;
using QuickDrawDsl.Serve.Tests.Infrastructure;

namespace QuickDrawDsl.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class PredictApiTests(ServedRun served)
{
    public static TheoryData<string, string> BadBodies() => new()
    {
        { string.Empty, "the body is empty" },
        { "{\"drawing\": [[[1, 2", "not valid JSON" },
        { "{\"drawing\": [[[1, 2], [3, 4]]]} {}", "not valid JSON" },
        { "[1, 2]", "the body is a JSON array" },
        { "{\"strokes\": []}", "no 'drawing' field" },
        { "{\"drawing\": []}", "'drawing' is empty" },
        { "{\"drawing\": {}}", "'drawing' is a JSON object" },
        { "{\"drawing\": [[]]}", "drawing[0] has 0 arrays" },
        { "{\"drawing\": [[[], []]]}", "drawing[0] has no points" },
        { "{\"drawing\": [[[1, 2], [3]]]}", "drawing[0] has 2 x values but 1 y values" },
        { "{\"drawing\": [[[1, 2], [3, 4], [0]]]}", "drawing[0] has 2 points but 1 times" },
        { "{\"drawing\": [[[1], [2], [3], [4]]]}", "drawing[0] has more than 3 arrays" },
        { "{\"drawing\": [[[1, \"2\"], [3, 4]]]}", "drawing[0][0][1] is a JSON string, not a number" },
        { "{\"drawing\": [[[1, null], [3, 4]]]}", "drawing[0][0][1] is a JSON null" },
        { "{\"drawing\": [[[1, 2e400], [3, 4]]]}", "drawing[0][0][1] = 2e400 is not a finite number" },
        { "{\"drawing\": [[[1, 2], [3, -1e300]]]}", "drawing[0][1][1] = -1e300 is out of range" },
        { "{\"drawing\": [[[1, 2], [3, 4], [0, -5]]]}", "drawing[0][2][1] = -5 is not a time" },
        { "{\"drawing\": [[[1, 2], [3, 4]], 7]}", "drawing[1] is a JSON number" },
        { "{\"pad\": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]], \"drawing\": [[[1], [2]]]}", "maximum configured depth of 16" },
        { "{\"drawing\": [[[1, 2], [3, 4]]], \"drawing\": NaN}", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task EveryBadBodyIsA400WithItsReasonInProblemDetails(string body, string reason)
    {
        using HttpResponseMessage response = await Post(body);
        await ShouldBeProblem(response, HttpStatusCode.BadRequest, reason);
    }

    [Fact]
    public async Task TooManyStrokesOrPointsAndTooLargeBodiesAre400s()
    {
        string strokes = "{\"drawing\": [" + string.Join(",", Enumerable.Repeat("[[1],[2]]", 513)) + "]}";
        await ShouldBeProblem(await Post(strokes), HttpStatusCode.BadRequest, "more than 512 strokes");

        string points = "{\"drawing\": [[[" + string.Join(",", Enumerable.Repeat("1", 20_001)) + "],[2]]]}";
        await ShouldBeProblem(await Post(points), HttpStatusCode.BadRequest, "more than 20000 points");

        // Declared too large (refused before reading), and sent chunked with no length (refused while reading).
        string big = "{\"drawing\": [[[1],[2]]], \"pad\": \"" + new string('x', 1 << 20) + "\"}";
        await ShouldBeProblem(await Post(big), HttpStatusCode.BadRequest, "the limit is 1,048,576 bytes");
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/predict") { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        chunked.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await served.Client.SendAsync(chunked);
        await ShouldBeProblem(response, HttpStatusCode.BadRequest, "larger than the limit");
    }

    [Fact]
    public async Task AnotherContentTypeIsRefusedWithTheFix()
    {
        using var content = new StringContent("{\"drawing\": [[[1],[2]]]}", Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await served.Client.PostAsync("/api/predict", content);
        await ShouldBeProblem(response, HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
    }

    [Fact]
    public async Task SimplifiedAndRawDrawingsGetWhatQuickdrawPredictAnswers()
    {
        var random = new Random(11);
        List<string> drawings = served.TestDrawings.Take(15).Select(ServedRun.StrokesJson).ToList();
        drawings.AddRange(served.TestDrawings.Skip(15).Take(15).Select(d => ServedRun.StrokesJson(RawDrawingMaker.FromSimplified(d, random))));
        IReadOnlyList<DrawingPrediction> expected = served.PredictWithCli(drawings);
        expected.Count.ShouldBe(30);
        for (int i = 0; i < drawings.Count; i++)
        {
            using HttpResponseMessage response = await Post("{\"drawing\": " + drawings[i] + "}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            string timing = response.Headers.GetValues("Server-Timing").Single();
            timing.ShouldStartWith("queue;dur=");
            timing.ShouldContain(", total;dur=");
            (string Label, float Probability)[] actual = await Predictions(response);
            actual.Select(p => p.Label).ShouldBe(expected[i].Top.Select(p => p.Label), $"drawing {i}");
            actual.Select(p => p.Probability).ShouldBe(expected[i].Top.Select(p => p.Probability), 1e-6, $"drawing {i}");
        }
    }

    [Fact]
    public async Task ConcurrentRequestsGetTheSameAnswersAsSequentialOnes()
    {
        var random = new Random(5);
        string[] bodies = served.TestDrawings
            .Select((d, i) => "{\"drawing\": " + ServedRun.StrokesJson(i % 2 == 0 ? d : RawDrawingMaker.FromSimplified(d, random)) + "}")
            .ToArray();
        var sequential = new List<string>();
        foreach (string body in bodies)
        {
            using HttpResponseMessage response = await Post(body);
            sequential.Add(await response.Content.ReadAsStringAsync());
        }

        // 16 at a time, each body four times, in shuffled order.
        int[] order = Enumerable.Range(0, bodies.Length * 4).Select(i => i % bodies.Length).OrderBy(_ => random.Next()).ToArray();
        var concurrent = new string[order.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, order.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (k, token) =>
        {
            using HttpResponseMessage response = await Post(bodies[order[k]]);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            concurrent[k] = await response.Content.ReadAsStringAsync(token);
        });

        for (int k = 0; k < order.Length; k++)
        {
            concurrent[k].ShouldBe(sequential[order[k]]);
        }

        sequential.Distinct().Count().ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task MutatedBodiesGetA200OrA400WithAReasonNeverAServerError()
    {
        // 1,500 mutations of real request bodies: cut short, bytes flipped, tokens and extreme numbers spliced in.
        var random = new Random(17);
        string[] seeds = served.TestDrawings.Take(10).Select(d => "{\"drawing\": " + ServedRun.StrokesJson(d) + "}").ToArray();
        string[] splices = ["1e999", "-1e999", "NaN", "null", "\"x\"", "[]", "[[]]", "{}", "-0", "1e-400", "99999999999", ",", "]", "[", "\"\\ud800\"", "true"];
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (int i = 0; i < 1500; i++)
        {
            byte[] body = Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]);
            int at = random.Next(body.Length);
            body = (i % 4) switch
            {
                0 => body[..at],
                1 => body.Select((b, k) => k == at ? (byte)random.Next(256) : b).ToArray(),
                2 => [.. body[..at], .. Encoding.UTF8.GetBytes(splices[random.Next(splices.Length)]), .. body[at..]],
                _ => [.. body[..at], .. Encoding.UTF8.GetBytes(splices[random.Next(splices.Length)]), .. body[Math.Min(body.Length, at + random.Next(1, 8))..]],
            };
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await served.Client.PostAsync("/api/predict", content);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                json.RootElement.GetProperty("detail").GetString()!.ShouldNotContain("\n");
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(body));
            }
        }

        statuses[HttpStatusCode.BadRequest].ShouldBeGreaterThan(500);
        statuses.Keys.ShouldBe([HttpStatusCode.OK, HttpStatusCode.BadRequest], ignoreOrder: true);
    }

    [Fact]
    public async Task RequestLogsNameTheRequestButNeverTheDrawing()
    {
        int before = served.Log.Lines.Count;
        using HttpResponseMessage ok = await Post("{\"drawing\": [[[12.3456, 88.7654, 140.5], [40.125, 90.875, 20.5], [0, 17, 33]]]}");
        using HttpResponseMessage bad = await Post("{\"drawing\": [[[98.7654], []]]}");
        IReadOnlyList<string> lines = served.Log.Since(before);
        lines.ShouldContain(l => l.Contains("POST /api/predict 200", StringComparison.Ordinal) && l.Contains("1 strokes, 3 points", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("POST /api/predict 400", StringComparison.Ordinal));
        lines.ShouldAllBe(l => !l.Contains("12.3456") && !l.Contains("88.7654") && !l.Contains("98.7654") && !l.Contains("40.125"));
    }

    private async Task<HttpResponseMessage> Post(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await served.Client.PostAsync("/api/predict", content);
    }

    private static async Task<(string Label, float Probability)[]> Predictions(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => (p.GetProperty("label").GetString()!, p.GetProperty("probability").GetSingle()))
            .ToArray();
    }

    internal static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(status);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
            string detail = json.RootElement.GetProperty("detail").GetString()!;
            detail.ShouldContain(reason);
            detail.ShouldNotContain("\n");
        }
    }
}
