namespace QuickDrawDsl.CommandLine;

/// <summary>How a command that writes a run folder starts (see <see cref="RunFolderRule"/>).</summary>
public enum RunStart
{
    /// <summary>The folder holds no run: start one.</summary>
    New,

    /// <summary>The folder holds a run and <c>--resume</c> was given: continue it.</summary>
    Resume,

    /// <summary>The folder holds a run and <c>--force</c> was given: delete its files and start over.</summary>
    Restart,
}
