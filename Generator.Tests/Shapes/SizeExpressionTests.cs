using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;

namespace QuickDrawDsl.Generator.Tests.Shapes;

/// <summary>A size that depends on the options is data in the plan and renders itself for whatever expression holds the options.</summary>
public sealed class SizeExpressionTests
{
    [Fact]
    public void AnOptionSizeRendersForTheConstructorAndForAnInstance()
    {
        Dim hidden = Dim.Option(64, "Hidden");

        hidden.Text.ShouldBe("64");
        hidden.Code.ShouldBe("options.Hidden");
        hidden.CodeWith("this.Options").ShouldBe("this.Options.Hidden");
    }

    [Fact]
    public void ScaledAndFlattenedSizesKeepTheirFormWhateverTheOptionsExpression()
    {
        Dim both = DimMath.Times(Dim.Option(8, "Units"), 2);
        Dim flat = DimMath.Product([Dim.Fixed(3), both, Dim.Fixed(5)]);

        both.Size.ShouldBe(16);
        both.CodeWith("this.Options").ShouldBe("2 * this.Options.Units");
        flat.Size.ShouldBe(240);
        flat.Code.ShouldBe("checked(3 * 2 * options.Units * 5)");
        flat.CodeWith("o").ShouldBe("checked(3 * 2 * o.Units * 5)");
    }

    [Fact]
    public void ALiteralSizeHasNoExpressionAndEqualPlansStayEqual()
    {
        Dim.Fixed(7).Expression.ShouldBeNull();
        Dim.Fixed(7).CodeWith("this.Options").ShouldBe("7");
        DimMath.Product([Dim.Fixed(2), Dim.Option(4, "A")]).ShouldBe(DimMath.Product([Dim.Fixed(2), Dim.Option(4, "A")]));
        DimMath.Product([Dim.Fixed(2), Dim.Option(4, "A")]).ShouldNotBe(DimMath.Product([Dim.Fixed(2), Dim.Option(4, "B")]));
    }
}
