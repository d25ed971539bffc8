using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace QuickDrawDsl.Generator.Tests.Packaging;

/// <summary>
/// The way a new user starts: the packed <c>QuickDrawDsl.Templates</c> installed into a <c>dotnet new</c> home of its
/// own (never the user's), <c>dotnet new qdmodel</c> outside the repository, data the test writes, <c>dotnet build</c>,
/// and the generated program's <c>train → evaluate → export → predict</c>, plus the command-line package's layout.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagesCollection.Name)]
public sealed partial class TemplateEndToEndTests
{
    private const string Name = "SketchCheck";

    // Three classes: chance is 1/3. The shapes separate fully within 4 epochs (test accuracy 1.0 when measured); the
    // bound leaves room for an unlucky split yet fails a model that learnt nothing or labels that are shuffled.
    private const double MinimumTestAccuracy = (1.0 / 3) + 0.4;

    private readonly PackagesFixture packages;

    public TemplateEndToEndTests(PackagesFixture packages)
    {
        this.packages = packages;
        foreach (CliResult pack in new[] { packages.GeneratorPack, packages.RuntimePack, packages.CommandLinePack, packages.TemplatesPack })
        {
            pack.ExitCode.ShouldBe(0, pack.ToString());
        }
    }

    [Fact]
    public void CommandLinePackageHoldsTheLibraryItsDocsAndReadmeAndDependsOnTheRuntimeOfItsVersion()
    {
        using ZipArchive zip = ZipFile.OpenRead(packages.CommandLinePackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        entries.ShouldContain("lib/net10.0/QuickDrawDsl.CommandLine.dll");
        entries.ShouldContain("lib/net10.0/QuickDrawDsl.CommandLine.xml");
        entries.ShouldContain("README.md");

        Dictionary<string, string> dependencies = Nuspec(zip).Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        dependencies["QuickDrawDsl.Runtime"].ShouldBe(packages.Version);
        dependencies.ShouldContainKey("System.CommandLine");
        dependencies.Keys.ShouldNotContain(d => d.StartsWith("libtorch-", StringComparison.Ordinal) || d.StartsWith("TorchSharp-", StringComparison.Ordinal) || d == "ScottPlot");
    }

    [Fact]
    public void TemplatePackageCarriesTheQdmodelTemplateStampedWithItsOwnVersion()
    {
        using ZipArchive zip = ZipFile.OpenRead(packages.TemplatesPackage);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        entries.ShouldContain("content/qdmodel/.template.config/template.json");
        entries.ShouldContain("content/qdmodel/QdModel.csproj");
        entries.ShouldContain("content/qdmodel/QdModel.model.yaml");
        entries.ShouldContain("content/qdmodel/README.md");
        entries.ShouldNotContain(e => e.StartsWith("lib/", StringComparison.Ordinal));
        Nuspec(zip).Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value.ShouldBe("Template");

        string project = Read(zip, "content/qdmodel/QdModel.csproj");
        project.ShouldContain($"<QuickDrawDslVersion>{packages.Version}</QuickDrawDslVersion>");
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("content/", StringComparison.Ordinal)))
        {
            Read(zip, entry.FullName).ShouldNotContain("QD_PACKAGE_VERSION", customMessage: entry.FullName);
        }

        using JsonDocument template = JsonDocument.Parse(Read(zip, "content/qdmodel/.template.config/template.json"));
        template.RootElement.GetProperty("shortName").GetString().ShouldBe("qdmodel");
        template.RootElement.GetProperty("sourceName").GetString().ShouldBe("QdModel");
    }

    [Fact]
    public void ANewProjectTrainsEvaluatesExportsAndPredicts()
    {
        // A dotnet new home of the test's own: the user's installed templates are neither read nor changed.
        var home = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(packages.Root, "dotnet-home") };
        CliResult install = DotNetCli.Run(packages.Root, home, "new", "install", packages.TemplatesPackage);
        install.ExitCode.ShouldBe(0, install.ToString());

        string project = Path.Combine(packages.Root, "new-user", Name);
        CliResult create = DotNetCli.Run(packages.Root, home, "new", "qdmodel", "-n", Name, "-o", project, "--no-restore");
        create.ExitCode.ShouldBe(0, create.ToString());
        string spec = Path.Combine(project, Name + ".model.yaml");
        string text = File.ReadAllText(spec);
        text.ShouldStartWith("# yaml-language-server: $schema=obj/quickdrawdsl/model.schema.json");
        text.ShouldContain("model: " + Name + "\n");
        File.ReadAllText(Path.Combine(project, Name + ".csproj")).ShouldContain("<QdGenerateCommandLine>true</QdGenerateCommandLine>");
        File.Exists(Path.Combine(project, "README.md")).ShouldBeTrue();

        // A project name that is no C# name still gives a model class and a root namespace that are.
        string dashed = Path.Combine(packages.Root, "new-user", "my-sketch");
        CliResult createDashed = DotNetCli.Run(packages.Root, home, "new", "qdmodel", "-n", "my-sketch", "-o", dashed, "--no-restore");
        createDashed.ExitCode.ShouldBe(0, createDashed.ToString());
        File.ReadAllText(Path.Combine(dashed, "my-sketch.model.yaml")).ShouldContain("model: My_sketch\n");
        File.ReadAllText(Path.Combine(dashed, "my-sketch.csproj")).ShouldContain("<RootNamespace>my_sketch</RootNamespace>");
        string digits = Path.Combine(packages.Root, "new-user", "2048-sketches");
        CliResult createDigits = DotNetCli.Run(packages.Root, home, "new", "qdmodel", "-n", "2048-sketches", "-o", digits, "--no-restore");
        createDigits.ExitCode.ShouldBe(0, createDigits.ToString());
        File.ReadAllText(Path.Combine(digits, "2048-sketches.model.yaml")).ShouldContain("model: _2048_sketches\n", customMessage: "a C# name cannot start with a digit");
        File.ReadAllText(Path.Combine(digits, "2048-sketches.csproj")).ShouldContain("<RootNamespace>_2048_sketches</RootNamespace>");

        // What the project's README tells a user with data of their own to do: one file a label, listed in labels:.
        string relabelled = text.Replace("labels: [apple, banana, eye]", "labels: [circle, line, zigzag]", StringComparison.Ordinal);
        relabelled.ShouldNotBe(text, "the template's spec lists its labels on one line");
        File.WriteAllText(spec, relabelled);
        Directory.CreateDirectory(Path.Combine(project, "data"));
        for (int i = 0; i < SyntheticDrawings.Labels.Length; i++)
        {
            string label = SyntheticDrawings.Labels[i];
            File.WriteAllLines(Path.Combine(project, "data", label + ".ndjson"), SyntheticDrawings.Records(label, 60, seed: i, firstKey: 1_000_000 * (i + 1)));
        }

        ConsumerProject.WriteNuGetConfig(packages, project);
        CliResult build = DotNetCli.Run(project, "build", "-c", "Release", "--disable-build-servers", "-nologo",
            "-p:TreatWarningsAsErrors=true", "-p:WarningsNotAsErrors=NU1901%3BNU1902%3BNU1903%3BNU1904");
        build.ExitCode.ShouldBe(0, build.ToString());
        string program = Path.Combine("bin", "Release", "net10.0", Name + ".dll");

        CliResult train = DotNetCli.Run(project, program, "train", "--epochs", "4", "--batch-size", "8", "--learning-rate", "0.01", "--threads", "1");
        train.ExitCode.ShouldBe(0, train.ToString());
        string run = Path.Combine(project, "runs", Name);
        new FileInfo(Path.Combine(run, "model.qdweights")).Length.ShouldBeGreaterThan(0, train.ToString());
        File.ReadLines(Path.Combine(run, "metrics.csv")).Count().ShouldBe(1 + 4, "a header and one row an epoch");

        CliResult evaluate = DotNetCli.Run(project, program, "evaluate", "--threads", "1");
        evaluate.ExitCode.ShouldBe(0, evaluate.ToString());
        using (JsonDocument evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "evaluation.json"))))
        {
            evaluation.RootElement.GetProperty("test_accuracy").GetDouble().ShouldBeGreaterThanOrEqualTo(MinimumTestAccuracy, evaluate.ToString());
            evaluation.RootElement.TryGetProperty("test_f1", out _).ShouldBeTrue("the spec's metrics: [accuracy, f1]");
        }

        CliResult export = DotNetCli.Run(project, program, "export");
        export.ExitCode.ShouldBe(0, export.ToString());
        new FileInfo(Path.Combine(run, "model.onnx")).Length.ShouldBeGreaterThan(0, export.ToString());

        // Two fresh drawings a class (other seeds and keys than the training data), in label order.
        string input = Path.Combine(project, "new-drawings.ndjson");
        File.WriteAllLines(input, SyntheticDrawings.Labels.SelectMany((label, i) => SyntheticDrawings.Records(label, 2, seed: 100 + i, firstKey: 9_000_000 + (10 * i))));
        CliResult predict = DotNetCli.Run(project, program, "predict", "--input", input);
        predict.ExitCode.ShouldBe(0, predict.ToString());
        Match[] lines = predict.Output.Split('\n').Select(l => PredictionLine().Match(l)).Where(m => m.Success).ToArray();
        lines.Select(m => int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture)).ShouldBe([1, 2, 3, 4, 5, 6], predict.ToString());
        string[] predicted = lines.Select(m => m.Groups["label"].Value).ToArray();
        predicted.ShouldAllBe(label => SyntheticDrawings.Labels.Contains(label), predict.ToString());
        string[] expected = ["circle", "circle", "line", "line", "zigzag", "zigzag"];
        predicted.Zip(expected).Count(p => p.First == p.Second).ShouldBeGreaterThanOrEqualTo(5, predict.ToString());

        // A user's mistakes: one line on stderr naming the option or command and the fix, exit code 2.
        CliResult zeroEpochs = DotNetCli.Run(project, program, "train", "--epochs", "0", "--force");
        zeroEpochs.ExitCode.ShouldBe(2, zeroEpochs.ToString());
        zeroEpochs.StandardError.TrimEnd('\n').ShouldBe($"{Name}: --epochs 0 must be at least 1 (see '{Name} train --help')", zeroEpochs.ToString());
        File.Exists(Path.Combine(run, "model.qdweights")).ShouldBeTrue("a refused command deletes nothing, --force or not");

        CliResult misspelt = DotNetCli.Run(project, program, "trian");
        misspelt.ExitCode.ShouldBe(2, misspelt.ToString());
        misspelt.StandardError.TrimEnd('\n').Split('\n').ShouldHaveSingleItem(misspelt.ToString()).ShouldContain("did you mean 'train'?");
    }

    // "1\tcircle\t0.998": the drawing's number, then the top label and its probability.
    [GeneratedRegex(@"^(?<number>\d+)\t(?<label>[a-z]+)\t[0-9.]+")]
    private static partial Regex PredictionLine();

    private static string Read(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static XDocument Nuspec(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream);
    }
}
