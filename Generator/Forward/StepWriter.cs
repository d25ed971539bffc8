using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Naming;

namespace QuickDrawDsl.Generator.Forward;

/// <summary>Where a renderer writes forward steps: the method's lines, with the shape comments in one column, and its locals.</summary>
internal sealed class StepWriter
{
    private const int Column = 56;
    private readonly SourceWriter writer;

    public StepWriter(SourceWriter writer, LocalScope locals)
    {
        this.writer = writer;
        Locals = locals;
    }

    /// <summary>The locals of the method being written; temporaries are declared here so they cannot take a parameter's name.</summary>
    public LocalScope Locals { get; }

    public void Line(string code) => writer.Line(code);

    public void Line(string code, string comment) => writer.Line(code, comment, Column);
}
