using System;

namespace QuickDrawDsl.CommandLine;

/// <summary>
/// A problem the user can fix (a bad option, a missing or broken file, data that cannot be used). The program prints
/// its message as one line on stderr, with no stack trace, and exits with <see cref="ExitCodes.UserError"/>.
/// </summary>
public sealed class UserError : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, naming the file, line, field or option, and how to fix it.</param>
    public UserError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the exception that revealed it.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The underlying error.</param>
    public UserError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
