using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using QuickDrawDsl.Testing.Approval;
using QuickDrawDsl.Testing.Tests.Infrastructure;

namespace QuickDrawDsl.Testing.Tests.Approval;

/// <summary>The approval workflow: received/verified files, the mismatch message, acceptance and its refusal on CI.</summary>
public sealed class ApprovalsTests : IDisposable
{
    private static readonly SnapshotSettings Verifying = new(UpdateRequested: false, OnCi: false, UpdateSource: string.Empty);
    private static readonly SnapshotSettings Accepting = new(UpdateRequested: true, OnCi: false, UpdateSource: "QD_UPDATE_SNAPSHOTS=1");
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AMissingVerifiedFileWritesTheReceivedOneAndFails()
    {
        var error = Should.Throw<SnapshotMismatchException>(() => Approvals.VerifyAll([new SnapshotFile("T.M", "txt", "hello\n")], folder.Path, Verifying));

        error.Message.ShouldContain("T.M.verified.txt does not exist yet");
        error.Message.ShouldContain("QD_UPDATE_SNAPSHOTS=1");
        File.ReadAllText(folder.File("T.M.received.txt")).ShouldBe("hello\n");
        File.Exists(folder.File("T.M.verified.txt")).ShouldBeFalse();
    }

    [Fact]
    public void AMatchPassesAndDeletesAStaleReceivedFile()
    {
        File.WriteAllText(folder.File("T.M.verified.txt"), "same\n");
        File.WriteAllText(folder.File("T.M.received.txt"), "old\n");

        Approvals.VerifyAll([new SnapshotFile("T.M", "txt", "same\n")], folder.Path, Verifying);

        File.Exists(folder.File("T.M.received.txt")).ShouldBeFalse();
    }

    [Fact]
    public void AMismatchNamesTheFirstDifferingLineAndShowsALineDiff()
    {
        File.WriteAllText(folder.File("T.M.verified.txt"), "header\nconv1d_0  conv1d  [B, time, 8]  80\ntotal 548\n");

        var error = Should.Throw<SnapshotMismatchException>(() => Approvals.VerifyAll(
            [new SnapshotFile("T.M", "txt", "header\nconv1d_0  conv1d  [B, time, 8]  128\ntotal 596\n")], folder.Path, Verifying));

        error.Message.ShouldContain("1 of 1 snapshot file(s)");
        error.Message.ShouldContain("first difference at line 2:\n  expected: conv1d_0  conv1d  [B, time, 8]  80\n  received: conv1d_0  conv1d  [B, time, 8]  128\n");
        error.Message.ShouldContain("  -2: conv1d_0  conv1d  [B, time, 8]  80\n  -3: total 548\n  +2: conv1d_0  conv1d  [B, time, 8]  128\n  +3: total 596\n");
        error.Message.ShouldNotContain("header\n  ");
        File.ReadAllText(folder.File("T.M.received.txt")).ShouldEndWith("total 596\n");
    }

    [Fact]
    public void ALongerReceivedTextIsADifferenceAtTheEndOfTheVerifiedFile()
    {
        File.WriteAllText(folder.File("T.M.verified.txt"), "a\n");

        var error = Should.Throw<SnapshotMismatchException>(() => Approvals.VerifyAll([new SnapshotFile("T.M", "txt", "a\nb\n")], folder.Path, Verifying));

        error.Message.ShouldContain("first difference at line 2:\n  expected: \n  received: b\n");
        error.Message.ShouldContain("  +2: b\n");
    }

    [Fact]
    public void LineEndingsAndAByteOrderMarkDoNotCount()
    {
        File.WriteAllText(folder.File("T.M.verified.cs"), "line one\r\nline two\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Approvals.VerifyAll([new SnapshotFile("T.M", "cs", "line one\nline two\n")], folder.Path, Verifying);
        Approvals.VerifyAll([new SnapshotFile("T.M", "cs", "line one\rline two\r")], folder.Path, Verifying);
    }

    [Fact]
    public void EveryDifferingFileIsWrittenAndCountedBeforeTheTestFails()
    {
        File.WriteAllText(folder.File("T.M#a.verified.txt"), "a\n");
        File.WriteAllText(folder.File("T.M#b.verified.txt"), "b\n");
        SnapshotFile[] files = [new("T.M#a", "txt", "A\n"), new("T.M#b", "txt", "b\n"), new("T.M#c", "txt", "c\n")];

        var error = Should.Throw<SnapshotMismatchException>(() => Approvals.VerifyAll(files, folder.Path, Verifying));

        error.Message.ShouldContain("2 of 3 snapshot file(s)");
        File.Exists(folder.File("T.M#a.received.txt")).ShouldBeTrue();
        File.Exists(folder.File("T.M#b.received.txt")).ShouldBeFalse();
        File.Exists(folder.File("T.M#c.received.txt")).ShouldBeTrue();
    }

    [Fact]
    public void AcceptingWritesTheVerifiedFilesWithNormalisedLineEndingsAndRemovesReceivedOnes()
    {
        File.WriteAllText(folder.File("T.M.verified.txt"), "old\n");
        File.WriteAllText(folder.File("T.M.received.txt"), "new\n");

        Approvals.VerifyAll([new SnapshotFile("T.M", "txt", "new\r\nlines\r\n")], folder.Path, Accepting);

        File.ReadAllBytes(folder.File("T.M.verified.txt")).ShouldBe(Encoding.UTF8.GetBytes("new\nlines\n"));
        File.Exists(folder.File("T.M.received.txt")).ShouldBeFalse();
        Approvals.VerifyAll([new SnapshotFile("T.M", "txt", "new\nlines\n")], folder.Path, Verifying);
    }

    [Fact]
    public void AcceptingIsRefusedOnCiAndNothingIsWritten()
    {
        File.WriteAllText(folder.File("T.M.verified.txt"), "old\n");
        var onCi = new SnapshotSettings(UpdateRequested: true, OnCi: true, UpdateSource: "-p:QdUpdateSnapshots=true");

        var error = Should.Throw<SnapshotMismatchException>(() => Approvals.VerifyAll([new SnapshotFile("T.M", "txt", "new\n")], folder.Path, onCi));

        error.Message.ShouldContain("refused on CI (CI=true)");
        error.Message.ShouldContain("-p:QdUpdateSnapshots=true");
        File.ReadAllText(folder.File("T.M.verified.txt")).ShouldBe("old\n");
        File.Exists(folder.File("T.M.received.txt")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, null, null, false, false)]
    [InlineData("1", null, null, true, false)]
    [InlineData("true", null, "true", true, true)]
    [InlineData("0", null, null, false, false)]
    [InlineData(null, "true", null, true, false)]
    [InlineData(null, "false", "1", false, true)]
    public void SettingsComeFromTheVariableTheSwitchAndCi(string? variable, string? appSwitch, string? ci, bool update, bool onCi)
    {
        var environment = new Dictionary<string, string?> { ["QD_UPDATE_SNAPSHOTS"] = variable, ["CI"] = ci };
        SnapshotSettings settings = SnapshotSettings.From(n => environment.GetValueOrDefault(n), n => n == SnapshotSettings.UpdateSwitch ? appSwitch : null);

        settings.UpdateRequested.ShouldBe(update);
        settings.OnCi.ShouldBe(onCi);
    }

    [Theory]
    [InlineData("a/b", "txt")]
    [InlineData("", "txt")]
    [InlineData("T.M", ".txt")]
    public void ANameThatIsNotAFileNameIsRejected(string name, string extension)
    {
        Should.Throw<ArgumentException>(() => Approvals.VerifyAll([new SnapshotFile(name, extension, "x")], folder.Path, Verifying));
    }

    [Fact]
    public void TheDirectoryIsRelativeToTheTestSourceFileOrAbsolute()
    {
        string source = folder.File("SomeTests.cs");
        Directory.CreateDirectory(folder.File("Emit"));

        Approvals.ResolveDirectory(null, source).ShouldBe(folder.Path);
        Approvals.ResolveDirectory("snapshots", source).ShouldBe(Path.Combine(folder.Path, "snapshots"));
        Approvals.ResolveDirectory("../_snapshots", Path.Combine(folder.Path, "Emit", "X.cs")).ShouldBe(Path.Combine(folder.Path, "_snapshots"));
        Approvals.ResolveDirectory(folder.Path, "/elsewhere/X.cs").ShouldBe(folder.Path);
    }

    [Fact]
    public void ASourceFolderThatDoesNotExistAsksForAnAbsoluteDirectory()
    {
        var error = Should.Throw<InvalidOperationException>(() => Approvals.ResolveDirectory(null, "/_/Tests/ModelTests.cs"));

        error.Message.ShouldContain("pass an absolute snapshot directory");
    }
}
