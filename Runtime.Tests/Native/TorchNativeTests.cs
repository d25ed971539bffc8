using System;
using System.IO;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Native;

public sealed class TorchNativeTests
{
    [Fact]
    public void ForwardAndBackwardRunOnCpu()
    {
        TorchNative.EnsureLoaded();
        torch.random.manual_seed(7);
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(4, 3);

        Tensor x = randn(5, 4);
        Tensor y = linear.call(x);
        y.shape.ShouldBe([5L, 3L]);

        Tensor loss = y.pow(2).mean();
        loss.backward();

        Tensor? grad = linear.weight!.grad;
        grad.ShouldNotBeNull();
        grad.shape.ShouldBe([3L, 4L]);
        // d(mean(y^2))/dW = 2/15 * sum_b y[b,o] * x[b,i]
        Tensor expected = y.detach().t().matmul(x) * (2.0 / 15.0);
        (grad - expected).abs().max().item<float>().ShouldBeLessThan(1e-5f);
    }

    [Fact]
    public void OldLibStdCxxIsExplainedInOneLineWithTheFix()
    {
        var trace = new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64.\nTried to load ...\nTrace: ...");
        string message = TorchNative.Diagnose(trace, new LibStdCxxProbe("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", HasRequiredVersion: false));

        message.ShouldNotContain("\n");
        message.ShouldContain("GLIBCXX_3.4.32");
        message.ShouldContain("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        message.ShouldContain(TorchNative.SetupCommand);
    }

    [Fact]
    public void MissingNativePackageIsExplainedWhenLibStdCxxIsFine()
    {
        var trace = new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64.\nTried to load ...");
        string message = TorchNative.Diagnose(trace, new LibStdCxxProbe("/usr/lib/libstdc++.so.6", HasRequiredVersion: true));

        message.ShouldNotContain("\n");
        message.ShouldContain("QdTorchBackend");
        message.ShouldNotContain("GLIBCXX");
    }

    [Fact]
    public void TheProbeTakesTheFirstLibStdCxxOnThePathAndLooksForTheRequiredVersion()
    {
        string root = Path.Combine(Path.GetTempPath(), "qd-libstdcxx-" + Guid.NewGuid().ToString("N"));
        string[] dirs = [Path.Combine(root, "empty"), Path.Combine(root, "old"), Path.Combine(root, "new")];
        try
        {
            foreach (string dir in dirs)
            {
                Directory.CreateDirectory(dir);
            }

            // The version string sits among the library's other symbol-version names; an older library lacks it.
            File.WriteAllText(Path.Combine(dirs[1], "libstdc++.so.6"), "\u007fELF GLIBCXX_3.4.30\0GLIBCXX_3.4.31\0");
            File.WriteAllText(Path.Combine(dirs[2], "libstdc++.so.6"), "\u007fELF GLIBCXX_3.4.31\0" + TorchNative.RequiredGlibcxxVersion + "\0");

            TorchNative.FindLibStdCxx(dirs).ShouldBe(new LibStdCxxProbe(Path.Combine(dirs[1], "libstdc++.so.6"), HasRequiredVersion: false));
            TorchNative.FindLibStdCxx([dirs[0], dirs[2], dirs[1]]).ShouldBe(new LibStdCxxProbe(Path.Combine(dirs[2], "libstdc++.so.6"), HasRequiredVersion: true));
            TorchNative.FindLibStdCxx([dirs[0], Path.Combine(root, "missing")]).ShouldBeNull();
            TorchNative.RequiredGlibcxxVersion.ShouldBe("GLIBCXX_3.4.32");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
