using System.Linq;
using QuickDrawDsl.Generator.Layers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Tests.Layers;

/// <summary>
/// The catalog finds every layer family of the generator by itself, so a new layer is one file; the order it lists
/// them in (error messages, docs, the schema's enum) stays the one users know.
/// </summary>
public sealed class LayerCatalogTests
{
    [Fact]
    public void EveryFamilyOfTheGeneratorIsFoundOnceInPositionOrder()
    {
        var declared = typeof(LayerFamily).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(LayerFamily))).ToArray();
        LayerCatalog.Families.Select(f => f.GetType()).ShouldBe(declared, ignoreOrder: true);
        LayerCatalog.Families.Select(f => f.CatalogPosition).ShouldBe(LayerCatalog.Families.Select(f => f.CatalogPosition).Distinct().Order().ToArray(), "positions must be unique: two families at one position would list in an arbitrary order");
    }

    [Fact]
    public void TypesKeepTheirCatalogOrder()
    {
        LayerCatalog.Types.ShouldBe(
        [
            "dense", "dropout", "activation", "batchnorm", "layernorm", "embedding", "conv1d", "conv2d", "conv3d", "maxpool", "avgpool",
            "global_avgpool", "global_maxpool", "flatten", "lstm", "gru", "rnn", "time_distributed", "repeat_vector", "attention", "residual",
        ]);
    }
}
