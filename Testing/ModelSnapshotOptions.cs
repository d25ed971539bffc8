namespace QuickDrawDsl.Testing;

/// <summary>What <see cref="ModelSnapshot.Verify"/> approves and where its files go.</summary>
public sealed record ModelSnapshotOptions
{
    /// <summary>Folder of the snapshot files, relative to the test source file's folder (or absolute); null: beside the test.</summary>
    public string? Directory { get; init; }

    /// <summary>Whether the generated module and options record are approved (needs <c>QdEmbedGeneratedSource</c>; default true).</summary>
    public bool IncludeSource { get; init; } = true;

    /// <summary>Whether the exported ONNX graph is approved (default true).</summary>
    public bool IncludeOnnx { get; init; } = true;
}
