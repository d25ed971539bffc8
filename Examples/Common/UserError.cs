using System;

namespace QuickDrawDsl.Examples.Common;

/// <summary>
/// A problem the user can fix (missing data, a bad file, a clip of the wrong shape, a bad option). The example prints
/// its one-line message, with no stack trace, and exits with <see cref="ExampleCommandLine.UserErrorExitCode"/>.
/// </summary>
/// <param name="message">What is wrong, naming the file or option, and how to fix it.</param>
public sealed class UserError(string message) : Exception(message);
