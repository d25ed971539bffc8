using QuickDrawDsl.Runtime.Native;

namespace QuickDrawDsl.Runtime.Tests.Native;

public sealed class CpuKernelsTests
{
    [Theory]
    [InlineData(null, OneDnnMode.Auto)]
    [InlineData("", OneDnnMode.Auto)]
    [InlineData("auto", OneDnnMode.Auto)]
    [InlineData(" ON ", OneDnnMode.On)]
    [InlineData("1", OneDnnMode.On)]
    [InlineData("off", OneDnnMode.Off)]
    [InlineData("false", OneDnnMode.Off)]
    public void ModesAreReadFromTheVariable(string? value, OneDnnMode expected)
    {
        CpuKernels.TryParseMode(value, out OneDnnMode mode, out string? error).ShouldBeTrue();
        mode.ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Fact]
    public void AnUnknownModeIsOneLineNamingTheVariableAndTheChoices()
    {
        CpuKernels.TryParseMode("sometimes", out _, out string? error).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldNotContain("\n");
        error.ShouldContain("QUICKDRAWDSL_ONEDNN='sometimes'");
        error.ShouldContain("auto");
        error.ShouldContain("off");
    }

    [Fact]
    public void TheKernelsInUseAreExactAndTheDecisionSaysWhy()
    {
        TorchNative.EnsureLoaded();

        CpuKernels.Mode.ShouldBe(OneDnnMode.Auto);
        CpuKernels.OneDnnEnabled.ShouldNotBeNull("libtorch 2.10's switch is found by its exported name");
        CpuKernels.Decision.ShouldStartWith(CpuKernels.OneDnnEnabled == true ? "oneDNN on:" : "oneDNN off:");
        (string worstCase, double error) = OneDnnSelfCheck.Run();
        error.ShouldBeLessThan(OneDnnSelfCheck.Tolerance, worstCase);
    }
}
