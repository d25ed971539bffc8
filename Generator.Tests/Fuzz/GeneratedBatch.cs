using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using TorchSharp;

namespace QuickDrawDsl.Generator.Tests.Fuzz;

/// <summary>
/// Compiles the generated code of many specs at once: compiling each alone costs the compiler's start-up per spec
/// (metadata of TorchSharp and the runtime), one compilation of thousands of files pays it once. Every spec has its
/// own namespace, so an error in one file belongs to one spec. The whole batch is only bound (diagnostics); the
/// sample whose models are created is compiled again on its own and emitted, which costs less than emitting all.
/// </summary>
internal static class GeneratedBatch
{
    /// <summary>The errors and warnings of compiling <paramref name="sources"/> (hint name, text) together.</summary>
    public static IReadOnlyList<Diagnostic> Problems(IReadOnlyList<(string Hint, string Text)> sources)
    {
        SyntaxTree[] trees = new SyntaxTree[sources.Count];
        Parallel.For(0, sources.Count, i => trees[i] = GeneratedCode.Parse(sources[i].Hint, sources[i].Text));
        return GeneratedCode.Create("FuzzBatch", trees).GetDiagnostics().Where(GeneratedCode.IsProblem).ToList();
    }

    /// <summary>
    /// Compiles the models of <paramref name="sources"/>, creates each with its default options and returns its
    /// compile-time ParameterCount beside TorchSharp's count, with the case its namespace <c>F{i}</c> names.
    /// </summary>
    public static IReadOnlyList<(int Case, long Expected, long Actual, string Type)> CountParameters(IReadOnlyList<(string Hint, string Text)> sources)
    {
        var results = new List<(int, long, long, string)>();
        if (sources.Count == 0)
        {
            return results;
        }

        using var image = new MemoryStream();
        EmitResult emitted = GeneratedCode.Create("FuzzModels", sources.Select(s => GeneratedCode.Parse(s.Hint, s.Text))).Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(GeneratedCode.IsProblem).Take(5)));
        CompiledModels.Use(image.ToArray(), types =>
        {
            foreach (Type type in types)
            {
                string ns = type.Namespace ?? string.Empty;
                int dot = ns.IndexOf('.', StringComparison.Ordinal);
                int index = int.Parse((dot < 0 ? ns : ns[..dot])[1..], NumberStyles.None, CultureInfo.InvariantCulture);
                long expected = (long)type.GetField("ParameterCount")!.GetRawConstantValue()!;
                using var scope = torch.NewDisposeScope();
                using var module = (torch.nn.Module)Activator.CreateInstance(type)!;
                results.Add((index, expected, module.parameters().Sum(p => p.numel()), type.FullName!));
            }
        });
        return results;
    }
}
