using System;
using System.IO;

namespace QuickDrawDsl.Runtime.Tests.Infrastructure;

/// <summary>
/// When real-data tests run, skip or fail: a CI job or a mistyped <c>QD_SHARED_DATA</c> must fail with a one-line reason,
/// only a developer machine without the data may skip. Tested through the pure rule, since the variables are process-wide.
/// </summary>
public sealed class SharedDataRulesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "qd-shared-" + Guid.NewGuid().ToString("N"));

    public SharedDataRulesTests() => Directory.CreateDirectory(Path.Combine(root, "clone", "Runtime.Tests", "bin"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Start => Path.Combine(root, "clone", "Runtime.Tests", "bin");

    [Fact]
    public void AFolderBesideTheCloneIsFoundFromTheTestAssembly()
    {
        string data = Path.Combine(root, "shared", "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "README.md"), "# data");
        SharedData.Locate(null, "true", Start).ShouldBe(new SharedData.Location(data, null));
    }

    [Fact]
    public void AFolderWithoutItsReadmeIsNotTheData()
    {
        Directory.CreateDirectory(Path.Combine(root, "shared", "data"));
        SharedData.Locate(null, null, Start).ShouldBe(new SharedData.Location(null, null));
    }

    [Fact]
    public void AnExistingQdSharedDataWinsOverTheSearch()
    {
        SharedData.Locate(root, "true", Start).ShouldBe(new SharedData.Location(root, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public void AQdSharedDataThatPointsNowhereFailsInsteadOfSkipping(string? ci)
    {
        string nowhere = Path.Combine(root, "nowhere");
        SharedData.Location location = SharedData.Locate(nowhere, ci, Start);
        location.Root.ShouldBeNull();
        location.FailureReason.ShouldBe($"QD_SHARED_DATA={nowhere} is not a folder: point it at the shared data, unset it to use ../shared/data, or set QD_SHARED_DATA=none to run on the built-in fixtures only");
    }

    [Theory]
    [InlineData(null, "true")]
    [InlineData(null, "True")]
    [InlineData(null, "1")]
    [InlineData("none", "true")]
    public void CiWithoutTheDataFailsWithTheReason(string? env, string ci)
    {
        SharedData.Location location = SharedData.Locate(env, ci, Start);
        location.Root.ShouldBeNull();
        location.FailureReason!.ShouldStartWith("CI=true and the shared data is not on this machine");
        location.FailureReason.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "false")]
    [InlineData("none", null)]
    [InlineData("", null)]
    public void ADeveloperMachineWithoutTheDataMaySkip(string? env, string? ci) =>
        SharedData.Locate(env, ci, Start).ShouldBe(new SharedData.Location(null, null));

    [Fact]
    public void TheFixturesAreBesideTheTestAssembly()
    {
        File.Exists(Fixtures.PathOf("quickdraw", "simplified_100", "coffee cup.ndjson")).ShouldBeTrue();
        new FileInfo(Fixtures.PathOf("ridership", "CTA_-_Ridership_-_Daily_Boarding_Totals.csv")).Length.ShouldBe(268584);
        Should.Throw<InvalidOperationException>(() => Fixtures.PathOf("quickdraw", "numpy_bitmap")).Message
            .ShouldStartWith("built-in fixture quickdraw/numpy_bitmap is not beside the test assembly");
    }
}
