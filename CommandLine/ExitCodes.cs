namespace QuickDrawDsl.CommandLine;

/// <summary>The exit codes of every QuickDrawDsl program.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A bug: one line on stderr names the log file that holds the stack trace.</summary>
    public const int InternalError = 1;

    /// <summary>Something the user can fix: a bad option, a missing or broken file, data that cannot be trained on. One line on stderr names it and the fix.</summary>
    public const int UserError = 2;

    /// <summary>The native runtime (libtorch) cannot be loaded; the line names what is missing and the fix.</summary>
    public const int NativeRuntime = 3;

    /// <summary>Training stopped on a NaN or infinite loss; the last good checkpoint is kept.</summary>
    public const int TrainingDiverged = 4;

    /// <summary>Interrupted (Ctrl+C); what was saved before stays.</summary>
    public const int Interrupted = 130;
}
