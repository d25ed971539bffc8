using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using QuickDrawDsl.Runtime.Models;

namespace QuickDrawDsl.Testing;

/// <summary>
/// One call that approves everything a pull request should show about a model: for a test method <c>M</c> in
/// <c>ModelTests.cs</c> and a model <c>Tiny</c>, the files <c>ModelTests.M#Tiny.g.verified.cs</c> and
/// <c>ModelTests.M#TinyOptions.g.verified.cs</c> (generated source), <c>ModelTests.M#Tiny.architecture.verified.txt</c>
/// (ParameterCount, layer table, Summary()) and <c>ModelTests.M#Tiny.onnx.verified.txt</c> (the exported graph).
/// </summary>
public static class ModelSnapshot
{
    /// <summary>Approves the renderings of <paramref name="model"/>; see <see cref="Approvals"/> for the workflow.</summary>
    /// <param name="model">An instance of a generated model, built with the options to snapshot.</param>
    /// <param name="options">What to include and where the files go; null: everything, beside the test.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling test's source file.</param>
    /// <param name="testName">Filled in by the compiler: the calling test method.</param>
    /// <exception cref="SnapshotMismatchException">A rendering differs from its verified file, or has none yet.</exception>
    public static void Verify(IGeneratedModel model, ModelSnapshotOptions? options = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string testName = "")
    {
        Approvals.VerifyAll(Render(model, Path.GetFileNameWithoutExtension(sourceFile) + "." + testName, options), options?.Directory, sourceFile);
    }

    /// <summary>The snapshot files <see cref="Verify"/> compares, named <c>{stem}#{part}</c>.</summary>
    /// <param name="model">An instance of a generated model.</param>
    /// <param name="stem">The start of every file name, e.g. <c>ModelTests.Architecture</c>.</param>
    /// <param name="options">What to include; null: everything.</param>
    /// <returns>The files, in a fixed order.</returns>
    public static IReadOnlyList<SnapshotFile> Render(IGeneratedModel model, string stem, ModelSnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ModelSnapshotOptions();
        string name = model.Info.Name;
        var files = new List<SnapshotFile>();
        if (options.IncludeSource)
        {
            foreach (KeyValuePair<string, string> source in ModelRenderings.GeneratedSource(model.GetType()))
            {
                files.Add(new SnapshotFile($"{stem}#{Path.GetFileNameWithoutExtension(source.Key)}", "cs", source.Value));
            }
        }

        files.Add(new SnapshotFile($"{stem}#{name}.architecture", "txt", ModelRenderings.Architecture(model)));
        if (options.IncludeOnnx)
        {
            files.Add(new SnapshotFile($"{stem}#{name}.onnx", "txt", ModelRenderings.OnnxGraph(model)));
        }

        return files;
    }
}
