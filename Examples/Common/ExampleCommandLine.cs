using System;
using System.CommandLine;
using System.Globalization;
using QuickDrawDsl.Runtime.Native;

namespace QuickDrawDsl.Examples.Common;

/// <summary>The entry point every example program shares: invariant numbers, and one line for the errors a user can fix.</summary>
public static class ExampleCommandLine
{
    /// <summary>Exit code of a <see cref="UserError"/>.</summary>
    public const int UserErrorExitCode = 2;

    /// <summary>Exit code when libtorch cannot be loaded (the message names the fix).</summary>
    public const int NativeLoadExitCode = 3;

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command. Numbers print the same
    /// on every machine (results are pasted into the README), and a <see cref="UserError"/> or a libtorch load failure
    /// prints its message alone on stderr.
    /// </summary>
    /// <param name="root">The program's commands.</param>
    /// <param name="args">The command line.</param>
    /// <returns>The command's exit code, <see cref="UserErrorExitCode"/> or <see cref="NativeLoadExitCode"/>.</returns>
    public static int Invoke(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserError ex)
        {
            Console.Error.WriteLine(ex.Message);
            return UserErrorExitCode;
        }
        catch (TorchNativeLoadException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return NativeLoadExitCode;
        }
    }
}
