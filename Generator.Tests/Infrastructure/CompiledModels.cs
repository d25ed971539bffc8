using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

namespace QuickDrawDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Generated modules compiled to an assembly and loaded into a collectible load context (TorchSharp and the
/// runtime come from the test's own context), so a test can create them and call them. libtorch at one thread.
/// </summary>
internal static class CompiledModels
{
    /// <summary>Compiles <paramref name="run"/>'s sources (and C# inputs); fails the test on any error or warning.</summary>
    public static byte[] Compile(GeneratorRun run)
    {
        IEnumerable<SyntaxTree> trees = run.Sources.Select(s => GeneratedCode.Parse(s.Key, s.Value))
            .Concat(run.Inputs.Select((c, i) => GeneratedCode.Parse($"Source{i}.cs", c)));
        using var image = new MemoryStream();
        EmitResult result = GeneratedCode.Create("Models" + Guid.NewGuid().ToString("N"), trees).Emit(image);
        result.Diagnostics.Where(GeneratedCode.IsProblem).ShouldBeEmpty();
        result.Success.ShouldBeTrue();
        return image.ToArray();
    }

    /// <summary>Loads <paramref name="assembly"/>, hands its generated model types to <paramref name="use"/>, then unloads it.</summary>
    public static void Use(byte[] assembly, Action<IReadOnlyList<Type>> use)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
        var context = new AssemblyLoadContext("generated-models", isCollectible: true);
        try
        {
            Assembly loaded = context.LoadFromStream(new MemoryStream(assembly));
            use(loaded.GetTypes().Where(t => typeof(IGeneratedModel).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList());
        }
        finally
        {
            context.Unload();
        }
    }
}
