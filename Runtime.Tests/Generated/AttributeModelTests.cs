using QuickDrawDsl.Examples.Archetypes;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>The attribute-declared classifier is the same network as the YAML one: same parameters, same outputs.</summary>
public sealed class AttributeModelTests
{
    [Fact]
    public void AttributeAndYamlModelsAreTheSameNetwork()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(5);
        using var fromYaml = new QuickDrawClassifier();
        torch.random.manual_seed(5);
        using var fromAttributes = new AttributeQuickDrawClassifier();
        fromYaml.eval();
        fromAttributes.eval();

        AttributeQuickDrawClassifier.ParameterCount.ShouldBe(QuickDrawClassifier.ParameterCount);
        AttributeQuickDrawClassifier.Summary().ShouldBe(QuickDrawClassifier.Summary());

        Tensor strokes = randn(3, 29, 3);
        (fromAttributes.call(strokes) - fromYaml.call(strokes)).abs().max().item<float>().ShouldBe(0f);
    }
}
