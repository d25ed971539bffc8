using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Serve.Tests.Infrastructure;

namespace QuickDrawDsl.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class ModelApiTests(ServedRun served)
{
    [Fact]
    public async Task ModelDescribesLabelsInputsAndTheRecordedPreprocessing()
    {
        using JsonDocument json = JsonDocument.Parse(await served.Client.GetStringAsync("/api/model"));
        JsonElement model = json.RootElement;
        model.GetProperty("name").GetString().ShouldBe("SketchClassifier");
        model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(ServedRun.Categories);
        model.GetProperty("inputs").EnumerateArray().Select(i => $"{i.GetProperty("name").GetString()} {i.GetProperty("elementType").GetString()} [{string.Join(",", i.GetProperty("shape").EnumerateArray().Select(d => d.GetString()))}]")
            .ShouldBe(["strokes float32 [batch,time,5]", "lengths int64 [batch]"]);
        model.GetProperty("topK").GetInt32().ShouldBe(3);

        JsonElement p = model.GetProperty("preprocessing");
        p.GetProperty("pipeline").GetString().ShouldBe(SketchPreprocessing.PipelineName);
        p.GetProperty("rawDrawings").GetString().ShouldBe("quickdraw-simplification");
        p.GetProperty("maxPoints").GetInt32().ShouldBe(SketchFeatures.MaxPoints);
        p.GetProperty("offsetScale").GetSingle().ShouldBe((float)served.Run.Load().OffsetScale);
    }

    [Fact]
    public async Task TheModelFileIsTheExportedOne()
    {
        using HttpResponseMessage response = await served.Client.GetAsync("/api/model/onnx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.ShouldBe(System.IO.File.ReadAllBytes(served.Run.Onnx));
        using var predictor = new OnnxPredictor(bytes);
        predictor.Labels.ShouldBe(ServedRun.Categories);
    }

    [Fact]
    public async Task HealthOpenApiAndThePageAreServedCrossOriginIsolated()
    {
        (await served.Client.GetStringAsync("/healthz")).ShouldBe("Healthy");

        using JsonDocument openApi = JsonDocument.Parse(await served.Client.GetStringAsync("/openapi/v1.json"));
        JsonElement paths = openApi.RootElement.GetProperty("paths");
        paths.GetProperty("/api/predict").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "400"], ignoreOrder: true);
        paths.GetProperty("/api/model").GetProperty("get").ValueKind.ShouldBe(JsonValueKind.Object);

        foreach ((string path, string type) in new[] { ("/", "text/html"), ("/app.js", "text/javascript"), ("/ort/ort-wasm-simd-threaded.wasm", "application/wasm"), ("/ort/ort-wasm-simd-threaded.mjs", "text/javascript") })
        {
            using HttpResponseMessage response = await served.Client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type, path);
            response.Headers.GetValues("Cross-Origin-Opener-Policy").Single().ShouldBe("same-origin");
            response.Headers.GetValues("Cross-Origin-Embedder-Policy").Single().ShouldBe("require-corp");
        }
    }

    [Fact]
    public async Task UnknownPathsAndMethodsAreProblemsToo()
    {
        await PredictApiTests.ShouldBeProblem(await served.Client.GetAsync("/api/nothing"), HttpStatusCode.NotFound, "/api/predict");
        await PredictApiTests.ShouldBeProblem(await served.Client.GetAsync("/api/predict"), HttpStatusCode.MethodNotAllowed, "GET is not allowed");
    }
}
