using System;
using System.Globalization;
using System.IO;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// Packs QuickDrawDsl.Generator, QuickDrawDsl.Runtime, QuickDrawDsl.Testing, QuickDrawDsl.CommandLine and
/// QuickDrawDsl.Templates once for the packaging tests (one
/// instance for every class of the <see cref="PackagesCollection"/>). The projects are copied
/// (without bin/ and obj/) into a temporary folder and packed there, so the repository's build outputs are never
/// touched; the version is unique to this run, so NuGet's global cache can never hand back a stale package.
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    private static readonly string[] SharedFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig"];

    public PackagesFixture()
    {
        Version = "0.1.0-test." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        Root = Path.Combine(Path.GetTempPath(), "qd-packaging-" + Guid.NewGuid().ToString("N")[..12]);
        PackageDirectory = Path.Combine(Root, "packages");
        string sources = Path.Combine(Root, "src");
        string repo = RepoFiles.Root();
        Directory.CreateDirectory(PackageDirectory);
        Directory.CreateDirectory(sources);
        foreach (string file in SharedFiles)
        {
            File.Copy(Path.Combine(repo, file), Path.Combine(sources, file));
        }

        CopyProject(Path.Combine(repo, "Generator"), Path.Combine(sources, "Generator"));
        CopyProject(Path.Combine(repo, "Runtime"), Path.Combine(sources, "Runtime"));
        // The generator package ships the spec's JSON Schema from docs/schema.
        Directory.CreateDirectory(Path.Combine(sources, "docs", "schema"));
        File.Copy(Path.Combine(repo, "docs", "schema", "model.schema.json"), Path.Combine(sources, "docs", "schema", "model.schema.json"));
        CopyProject(Path.Combine(repo, "Testing"), Path.Combine(sources, "Testing"));
        CopyProject(Path.Combine(repo, "CommandLine"), Path.Combine(sources, "CommandLine"));
        CopyProject(Path.Combine(repo, "templates"), Path.Combine(sources, "templates"));

        GeneratorPack = Pack(sources, "Generator/QuickDrawDsl.Generator.csproj");
        RuntimePack = Pack(sources, "Runtime/QuickDrawDsl.Runtime.csproj");
        TestingPack = Pack(sources, "Testing/QuickDrawDsl.Testing.csproj");
        CommandLinePack = Pack(sources, "CommandLine/QuickDrawDsl.CommandLine.csproj");
        TemplatesPack = Pack(sources, "templates/QuickDrawDsl.Templates.csproj");
    }

    /// <summary>The version both packages were packed with, e.g. <c>0.1.0-test.638993...</c>.</summary>
    public string Version { get; }

    /// <summary>Temporary folder of this run: sources, packages, consumers.</summary>
    public string Root { get; }

    /// <summary>The local package source holding the two packages.</summary>
    public string PackageDirectory { get; }

    public CliResult GeneratorPack { get; }

    public CliResult RuntimePack { get; }

    public CliResult TestingPack { get; }

    public CliResult CommandLinePack { get; }

    public CliResult TemplatesPack { get; }

    public string GeneratorPackage => Path.Combine(PackageDirectory, $"QuickDrawDsl.Generator.{Version}.nupkg");

    public string RuntimePackage => Path.Combine(PackageDirectory, $"QuickDrawDsl.Runtime.{Version}.nupkg");

    public string TestingPackage => Path.Combine(PackageDirectory, $"QuickDrawDsl.Testing.{Version}.nupkg");

    public string CommandLinePackage => Path.Combine(PackageDirectory, $"QuickDrawDsl.CommandLine.{Version}.nupkg");

    public string TemplatesPackage => Path.Combine(PackageDirectory, $"QuickDrawDsl.Templates.{Version}.nupkg");

    public void Dispose()
    {
        TryDelete(Root);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "quickdrawdsl.generator", "quickdrawdsl.runtime", "quickdrawdsl.testing", "quickdrawdsl.commandline" })
        {
            TryDelete(Path.Combine(cache, id, Version));
        }
    }

    private CliResult Pack(string sources, string project) =>
        DotNetCli.Run(sources, "pack", project, "-c", "Release", "-o", PackageDirectory, "-p:Version=" + Version, "--disable-build-servers", "-nologo");

    private static void CopyProject(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            string top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
