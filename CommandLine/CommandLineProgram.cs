using System;
using System.CommandLine;
using System.Globalization;
using System.Reflection;
using QuickDrawDsl.Runtime.Data.Cache;
using QuickDrawDsl.Runtime.Data.Diagnostics;
using QuickDrawDsl.Runtime.Export;
using QuickDrawDsl.Runtime.Inference;
using QuickDrawDsl.Runtime.Native;
using QuickDrawDsl.Runtime.Training;
using QuickDrawDsl.Runtime.Training.Checkpoints;

namespace QuickDrawDsl.CommandLine;

/// <summary>
/// The entry point of a QuickDrawDsl program: invariant numbers; a parse error, a <see cref="UserError"/> or a typed
/// runtime error is one line on stderr with <see cref="ExitCodes.UserError"/> (or the code of its kind); anything else
/// is one line naming a log file that holds the stack trace, with <see cref="ExitCodes.InternalError"/>. No stack trace
/// ever reaches the terminal, also from a background thread.
/// </summary>
public static class CommandLineProgram
{
    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command.</summary>
    /// <param name="root">The program's commands.</param>
    /// <param name="args">The command line.</param>
    /// <param name="program">The name used in messages; null for the root command's name (the executable's).</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(RootCommand root, string[] args, string? program = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        string name = program ?? root.Name;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            // A background thread's exception would otherwise print a stack trace and abort the process.
            Console.Error.WriteLine(InternalErrorLine(name, args, e.ExceptionObject as Exception ?? new InvalidOperationException(e.ExceptionObject?.ToString())));
            Console.Error.Flush();
            Environment.Exit(ExitCodes.InternalError);
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{name}: {ParseErrorText.Describe(parse, name)}");
            return ExitCodes.UserError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            (int code, string line) = Classify(name, args, ex);
            Console.Error.WriteLine(line);
            return code;
        }
    }

    /// <summary>
    /// Runs one command of the program's own command line as a step of a larger command (an <c>all</c> that trains,
    /// evaluates and exports), so that the step does exactly what a user's separate command does. It prints the step's
    /// command line first. The step's errors reach the caller as they are, so the program still ends with their one
    /// line; a step that ends with another exit code without throwing stops the rest with a <see cref="UserError"/>.
    /// </summary>
    /// <param name="root">The program's commands.</param>
    /// <param name="program">The program's name, in the printed line and messages.</param>
    /// <param name="args">The step's command line, its command first.</param>
    /// <exception cref="UserError">The step's options do not parse, or it ended with a non-zero exit code.</exception>
    public static void RunStep(RootCommand root, string program, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            throw new ArgumentException("give the step's command.", nameof(args));
        }

        Console.WriteLine($"{program} {string.Join(' ', args)}");
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new UserError(ParseErrorText.Describe(parse, program));
        }

        int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        if (code != ExitCodes.Success)
        {
            throw new UserError($"{program} {args[0]} ended with exit code {code}; the steps after it were not run");
        }
    }

    /// <summary>The exit code and the one stderr line for an exception that ended a command.</summary>
    /// <param name="program">The program's name.</param>
    /// <param name="args">Its command line (written to the log of an internal error).</param>
    /// <param name="exception">The exception.</param>
    /// <returns>The exit code and the line.</returns>
    public static (int Code, string Line) Classify(string program, string[] args, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception ex = Unwrap(exception);
        return ex switch
        {
            UserError => (ExitCodes.UserError, $"{program}: {OneLine.Of(ex.Message)}"),
            TorchNativeLoadException => (ExitCodes.NativeRuntime, $"{program}: {OneLine.Of(ex.Message)}"),
            NonFiniteLossException => (ExitCodes.TrainingDiverged, $"{program}: {OneLine.Of(ex.Message)}"),
            DataQualityException or DataFormatException or CheckpointException or ModelWeightsException
                or OnnxModelLoadException or NonFiniteWeightsException or DeviceUnavailableException or DrawingCacheException
                => (ExitCodes.UserError, $"{program}: {OneLine.Of(ex.Message)}"),
            OperationCanceledException => (ExitCodes.Interrupted, $"{program}: interrupted; what was saved before stays (a training run continues with --resume)"),
            _ => (ExitCodes.InternalError, InternalErrorLine(program, args, ex)),
        };
    }

    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    ex = aggregate.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    break;
                case TypeInitializationException { InnerException: { } initInner }:
                    ex = initInner;
                    break;
                default:
                    return ex;
            }
        }
    }

    private static string InternalErrorLine(string program, string[] args, Exception ex)
    {
        string? log = InternalErrorLog.Write(program, args, ex);
        string where = log is null ? "no log file could be written" : $"the stack trace is in {log}";
        return $"{program}: internal error: {ex.GetType().Name}: {OneLine.Of(ex.Message)} ({where}; please report it)";
    }
}
