namespace QuickDrawDsl.Generator.Model;

/// <summary>
/// Whether the project asked for a generated command line (<c>&lt;QdGenerateCommandLine&gt;true&lt;/QdGenerateCommandLine&gt;</c>),
/// the program's name in its messages (the assembly name) and the namespace of its entry point (the root namespace).
/// </summary>
internal sealed record CommandLineRequest(bool Enabled, string Program, string Namespace);
