using System;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Export.Onnx;
using QuickDrawDsl.Runtime.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static QuickDrawDsl.Runtime.Tests.Export.OnnxParity;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Export;

public sealed class OnnxModelFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "qd-onnx-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static OnnxGraphBuilder SmallClassifier(Linear linear)
    {
        var builder = new OnnxGraphBuilder("Classifier") { DocString = "A test classifier." };
        OnnxValue x = builder.AddInput("features", OnnxElementType.Float, "batch", 5);
        builder.AddOutput(builder.Linear(linear, x), "logits", OnnxElementType.Float, ["batch", 3]);
        builder.SetLabels(["circle", "square", "triangle"]);
        builder.SetMetadata(OnnxMetadataKeys.InputNormalization, "{\"mean\":[0.5],\"std\":[0.25]}");
        return builder;
    }

    [Fact]
    public void ModelHeaderFollowsTheOnnxSpecification()
    {
        Seed(70);
        using DisposeScope scope = NewDisposeScope();
        ModelProto model = ModelProto.Parser.ParseFrom(SmallClassifier(nn.Linear(5, 3)).ToBytes());
        model.IrVersion.ShouldBe(8);
        model.ProducerName.ShouldBe("QuickDrawDsl");
        model.DocString.ShouldBe("A test classifier.");
        model.OpsetImport.Single().Domain.ShouldBe(string.Empty);
        model.OpsetImport.Single().HasDomain.ShouldBeTrue();
        model.OpsetImport.Single().Version.ShouldBe(17);
        model.Graph.Input.Single().Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(["batch", "5"]);
        model.Graph.Initializer.Select(i => i.Name).ShouldBe(["linear_weight", "linear_bias"]);
        model.Graph.Initializer[0].Dims.ShouldBe([3L, 5L]);
        model.Graph.Initializer[0].RawData.Length.ShouldBe(15 * sizeof(float));
    }

    [Fact]
    public void ZeroValuesAreWrittenExplicitly()
    {
        Seed(71);
        using DisposeScope scope = NewDisposeScope();
        var builder = new OnnxGraphBuilder("zeros");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", 0, 4);
        builder.AddOutput(builder.ReduceSum(x, [2], keepDims: false), "y");
        ModelProto model = ModelProto.Parser.ParseFrom(builder.ToBytes());

        TensorShapeProto.Types.Dimension zero = model.Graph.Input[0].Type.TensorType.Shape.Dim[1];
        zero.ValueCase.ShouldBe(TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue);
        zero.DimValue.ShouldBe(0);
        AttributeProto keepDims = model.Graph.Node.Single(n => n.OpType == "ReduceSum").Attribute.Single(a => a.Name == "keepdims");
        keepDims.HasI.ShouldBeTrue();
        keepDims.I.ShouldBe(0);
        keepDims.Type.ShouldBe(AttributeProto.Types.AttributeType.Int);

        // An empty batch still runs: [2, 0, 4] sums to [2, 0].
        Run(builder.ToBytes(), ("x", zeros(2, 0, 4)))["y"].shape.ShouldBe([2L, 0L]);
    }

    [Fact]
    public void SavedFileLoadsWithAllOptimisationsAndMetadataRoundTrips()
    {
        Seed(72);
        using DisposeScope scope = NewDisposeScope();
        Linear linear = nn.Linear(5, 3);
        string path = Path.Combine(folder, "nested", "classifier.onnx");
        SmallClassifier(linear).Save(path);
        File.Exists(path).ShouldBeTrue();
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path], "no temporary file is left behind");

        using var predictor = new OnnxPredictor(path);
        predictor.Labels.ShouldBe(["circle", "square", "triangle"]);
        predictor.Metadata[OnnxMetadataKeys.InputNormalization].ShouldBe("{\"mean\":[0.5],\"std\":[0.25]}");
        predictor.Inputs.Single().ShapeText.ShouldBe("[batch, 5]");
        predictor.Outputs.Single().ShapeText.ShouldBe("[batch, 3]");
        Tensor x = randn(4, 5);
        ShouldMatch(predictor.Predict(x), linear.call(x));
    }

    [Fact]
    public void SaveReplacesAnExistingFileAtomically()
    {
        Seed(73);
        using DisposeScope scope = NewDisposeScope();
        string path = Path.Combine(folder, "model.onnx");
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, "old content");
        Linear linear = nn.Linear(5, 3);
        SmallClassifier(linear).Save(path);
        ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Name.ShouldBe("Classifier");
        Directory.GetFiles(folder).Length.ShouldBe(1);
    }

    [Fact]
    public void NamesAreUniqueAndDuplicateGraphNamesAreRefused()
    {
        TorchSharp.torch.random.manual_seed(74);
        var builder = new OnnxGraphBuilder("names");
        builder.UniqueName("conv").ShouldBe("conv");
        builder.UniqueName("conv").ShouldBe("conv_1");
        builder.UniqueName("conv").ShouldBe("conv_2");
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", 2);
        Should.Throw<ArgumentException>(() => builder.AddInput("x", OnnxElementType.Float, 2)).Message.ShouldContain("'x'");
        Should.Throw<ArgumentException>(() => builder.AddOutput(x, "y", OnnxElementType.Float, [1, 2, 3])).Message.ShouldContain("rank 2");
        Should.Throw<InvalidOperationException>(() => builder.ToBytes()).Message.ShouldContain("no outputs");
        builder.AddOutput(builder.Relu(builder.Relu(x)), "y");
        ModelProto model = ModelProto.Parser.ParseFrom(builder.ToBytes());
        model.Graph.Node.SelectMany(n => n.Output).Concat(model.Graph.Input.Select(i => i.Name)).ShouldBeUnique();
        model.Graph.Node.Select(n => n.Name).ShouldBeUnique();
    }

    [Fact]
    public void InitializersCopyTensorsByValue()
    {
        Seed(75);
        using DisposeScope scope = NewDisposeScope();
        var builder = new OnnxGraphBuilder("copy");
        Tensor w = ones(2, 2);
        OnnxValue x = builder.AddInput("x", OnnxElementType.Float, "batch", 2);
        builder.AddOutput(builder.MatMul(x, builder.AddInitializer("w", w)), "y");
        w.mul_(5);
        Tensor y = Run(builder.ToBytes(), ("x", ones(1, 2)))["y"];
        y.data<float>().ToArray().ShouldBe([2f, 2f]);
        Should.Throw<NotSupportedException>(() => builder.AddInitializer("d", ones(2, dtype: ScalarType.Float64))).Message.ShouldContain("Float64");
    }
}
