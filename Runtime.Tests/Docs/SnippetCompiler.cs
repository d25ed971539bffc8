using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace QuickDrawDsl.Runtime.Tests.Docs;

/// <summary>
/// Compiles a documentation snippet as a console app's Program.cs would be: the implicit usings of
/// <c>dotnet new console</c> (and nothing of QuickDrawDsl: a snippet shows the usings it needs), every assembly the
/// tests run with (the real QuickDrawDsl.Runtime, .Plotting, TorchSharp, ONNX Runtime), and the QuickDrawDsl
/// generator run over the specs of the same document that the snippet names (RootNamespace <c>App</c>).
/// </summary>
internal static partial class SnippetCompiler
{
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string p in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            paths.TryAdd(Path.GetFileName(p), p);
        }

        foreach (string p in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        {
            if (IsManaged(p))
            {
                paths.TryAdd(Path.GetFileName(p), p);
            }
        }

        return [.. paths.Values.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    private static readonly Lazy<ISourceGenerator> Generator = new(() =>
    {
        string dll = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(MarkdownSnippets.RepositoryRoot, "Generator", "bin", c, "netstandard2.0", "QuickDrawDsl.Generator.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        // The generator's YAML library is not a dependency of the tests; it is copied beside them under generator/.
        AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
            new AssemblyName(e.Name).Name == "YamlDotNet" ? Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "generator", "YamlDotNet.dll")) : null;
        Type type = Assembly.LoadFrom(dll).GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    });

    /// <summary>The errors of compiling <paramref name="snippet"/>, one line each ("file:line: CSxxxx message").</summary>
    public static IReadOnlyList<string> Errors(MarkdownSnippet snippet, IEnumerable<MarkdownSnippet> specs)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        bool declaresModel = snippet.Code.Contains("[Model(", StringComparison.Ordinal);
        AdditionalText[] texts = declaresModel
            ? []
            : [.. specs.Where(s => ModelName(s.Code) is { } name && Regex.IsMatch(snippet.Code, $@"\b{name}\b"))
                .Select(s => (AdditionalText)new InMemoryText($"/docs/{ModelName(s.Code)}.model.yaml", s.Code))];
        bool hasStatements = CSharpSyntaxTree.ParseText(snippet.Code, parse).GetCompilationUnitRoot().Members.Any(m => m is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);
        var compilation = CSharpCompilation.Create(
            "App",
            [
                CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "GlobalUsings.g.cs"),
                CSharpSyntaxTree.ParseText(snippet.Code, parse, path: snippet.ToString()),
            ],
            References.Value,
            new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [Generator.Value],
            additionalTexts: texts,
            parseOptions: parse,
            optionsProvider: new RootNamespaceOptions());
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return [.. generatorDiagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{snippet.File}:{snippet.Line + d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }

    private static string? ModelName(string yaml) => ModelLine().Match(yaml) is { Success: true } m ? m.Groups[1].Value : null;

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^model:\s*(\w+)", RegexOptions.Multiline)]
    private static partial Regex ModelLine();

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class RootNamespaceOptions : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Global = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = "App" });
        private static readonly Options Empty = new([]);

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
