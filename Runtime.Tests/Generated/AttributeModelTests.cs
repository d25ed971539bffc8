using QuickDrawDsl.Examples.Archetypes;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Generated;

/// <summary>The attribute-declared classifier is the same network as the YAML one: same parameters, same outputs.</summary>
public sealed class AttributeModelTests
{
    [Fact]
    public void AttributeAndYamlModelsAreTheSameNetwork()
    {
        using var scope = NewDisposeScope();
        using var fromYaml = new QuickDrawClassifier();
        using var fromAttributes = new AttributeQuickDrawClassifier();

        // Same parameter names and shapes, so one's weights load into the other (the RNG is shared by parallel tests,
        // so seeding both constructors alike would not be enough).
        fromAttributes.state_dict().Keys.ShouldBe(fromYaml.state_dict().Keys);
        fromAttributes.load_state_dict(fromYaml.state_dict());
        fromYaml.eval();
        fromAttributes.eval();

        AttributeQuickDrawClassifier.ParameterCount.ShouldBe(QuickDrawClassifier.ParameterCount);
        AttributeQuickDrawClassifier.Summary().ShouldBe(QuickDrawClassifier.Summary());

        Tensor strokes = randn(3, 29, 3);
        (fromAttributes.call(strokes) - fromYaml.call(strokes)).abs().max().item<float>().ShouldBe(0f);
    }
}
