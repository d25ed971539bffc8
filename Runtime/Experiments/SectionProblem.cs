namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>A setting of a <c>training:</c> or <c>data:</c> section that cannot run, named by its YAML key (<c>early_stopping.patience</c>).</summary>
/// <param name="Key">The setting's key in the spec, dotted inside a group.</param>
/// <param name="Message">What is wrong and how to fix it, e.g. <c>must be more than 0 (is -1)</c>.</param>
public sealed record SectionProblem(string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"'{Key}' {Message}";
}
