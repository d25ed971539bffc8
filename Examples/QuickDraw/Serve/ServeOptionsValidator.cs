using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace QuickDrawDsl.Examples.QuickDraw.Serve;

/// <summary>Checks <see cref="ServeOptions"/> at start-up; each failure names the command-line option and the fix.</summary>
internal sealed class ServeOptionsValidator : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes < 1024)
        {
            failures.Add($"--max-body-bytes {options.MaxBodyBytes} is too small; a drawing needs at least 1024");
        }

        if (options.MaxStrokes < 1)
        {
            failures.Add($"--max-strokes {options.MaxStrokes} must be at least 1");
        }

        if (options.MaxPoints < 1)
        {
            failures.Add($"--max-points {options.MaxPoints} must be at least 1");
        }

        if (!(options.MaxCoordinate > 0) || float.IsInfinity(options.MaxCoordinate))
        {
            failures.Add($"the coordinate limit {options.MaxCoordinate} must be a positive number");
        }

        if (options.TopK < 1)
        {
            failures.Add($"top-k {options.TopK} must be at least 1");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The same checks for the command line, before anything is loaded: the first failure as a <see cref="UserError"/>.</summary>
    public static void ThrowIfInvalid(ServeOptions options)
    {
        ValidateOptionsResult result = new ServeOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new UserError(string.Join("; ", result.Failures!) + ".");
        }
    }
}
