using System;
using System.IO;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Tests.Export.Models;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Training;

/// <summary>Weights files carry the spec hash, labels and signature of their model, and refuse another spec or model.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ModelWeightsHeaderTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "qd-weights-" + Guid.NewGuid().ToString("N"));

    public ModelWeightsHeaderTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void GeneratedModelRoundTripsWithItsSpecHashAndLabels()
    {
        string path = Path.Combine(dir, "model.bin");
        using var saved = new StackedRecurrentClassifier();
        ModelWeights.Save(saved, path);

        ModelWeightsInfo info = ModelWeights.ReadInfo(path);
        info.ModelName.ShouldBe("StackedRecurrentClassifier");
        info.Labels.ShouldBe(["cat", "dog", "fish", "bird"]);
        info.SpecHash.ShouldBe(ModelSpecHash.Of(StackedRecurrentClassifier.Info));
        info.SpecHash!.Length.ShouldBe(64);
        info.Signature.ShouldBe(ModelSignature.Of(saved));

        using var loaded = new StackedRecurrentClassifier();
        ModelWeights.Load(loaded, path).Labels.ShouldBe(["cat", "dog", "fish", "bird"]);
        foreach (((string name, Tensor a), (_, Tensor b)) in saved.state_dict().Zip(loaded.state_dict()))
        {
            a.allclose(b, 0, 0).ShouldBeTrue(name);
        }
    }

    [Fact]
    public void AnotherSpecHashIsRefusedWithBothHashes()
    {
        string path = Path.Combine(dir, "model.bin");
        using var model = new StackedRecurrentClassifier();
        ModelWeights.Save(model, path);
        string hash = ModelSpecHash.Of(StackedRecurrentClassifier.Info);
        byte[] bytes = File.ReadAllBytes(path);
        byte[] other = Encoding.ASCII.GetBytes(new string('0', 64));
        int at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(hash));
        at.ShouldBeGreaterThan(0);
        other.CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);

        ModelWeightsException error = Should.Throw<ModelWeightsException>(() => ModelWeights.Load(model, path));
        error.Message.ShouldBe($"{path} was saved from another version of the spec of StackedRecurrentClassifier (spec hash 000000000000; this build's StackedRecurrentClassifier has {hash[..12]}): train again with this spec, or build with the spec the weights were trained with.");
    }

    [Fact]
    public void LabelsGivenAtSaveTimeWinAndAnotherModelIsRefusedBeforeReadingTensors()
    {
        string path = Path.Combine(dir, "tiny.bin");
        using var three = new TinyClassifier(2, 8, 3, seed: 40);
        ModelWeights.Save(three, path, ["a", "b", "c"]);
        ModelWeights.ReadInfo(path).ShouldBe(new ModelWeightsInfo("TinyClassifier", null, ["a", "b", "c"], ModelSignature.Of(three)), new InfoComparer());

        using var four = new TinyClassifier(2, 8, 4, seed: 41);
        ModelWeightsException error = Should.Throw<ModelWeightsException>(() => ModelWeights.Load(four, path));
        error.Message.ShouldContain("does not fit this model: it was saved from a different model (TinyClassifier): entry 2: the model has output.weight[4,8]:Float32, the file has output.weight[3,8]:Float32");
    }

    [Fact]
    public void PlainTorchSharpFilesStillLoadAndTruncatedHeadersAreNamed()
    {
        string legacy = Path.Combine(dir, "legacy.bin");
        using var model = new TinyClassifier(2, 8, 3, seed: 42);
        model.save(legacy);
        using var loaded = new TinyClassifier(2, 8, 3, seed: 43);
        ModelWeightsInfo info = ModelWeights.Load(loaded, legacy);
        info.ModelName.ShouldBe(string.Empty);
        info.Signature.ShouldBeNull();
        loaded.state_dict()["output.bias"].allclose(model.state_dict()["output.bias"], 0, 0).ShouldBeTrue();

        string current = Path.Combine(dir, "current.bin");
        ModelWeights.Save(model, current);
        File.WriteAllBytes(current, File.ReadAllBytes(current)[..20]);
        Should.Throw<ModelWeightsException>(() => ModelWeights.Load(loaded, current)).Message.ShouldBe($"{current} is truncated (the file ends inside its header).");
    }

    private sealed class InfoComparer : System.Collections.Generic.IEqualityComparer<ModelWeightsInfo>
    {
        public bool Equals(ModelWeightsInfo? x, ModelWeightsInfo? y) =>
            x is not null && y is not null && x.ModelName == y.ModelName && x.SpecHash == y.SpecHash && x.Labels.SequenceEqual(y.Labels) && x.Signature == y.Signature;

        public int GetHashCode(ModelWeightsInfo obj) => obj.ModelName.GetHashCode(StringComparison.Ordinal);
    }
}
