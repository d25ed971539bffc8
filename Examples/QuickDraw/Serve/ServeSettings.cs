using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace QuickDrawDsl.Examples.QuickDraw.Serve;

/// <summary>How to host the app: the run to serve, where to listen, the request limits and the logging.</summary>
/// <param name="RunFolder">The run folder holding model.onnx (written by <c>quickdraw export</c>).</param>
/// <param name="Urls">The addresses to listen on, e.g. <c>http://localhost:5000</c>; port 0 picks a free port.</param>
/// <param name="Limits">The request limits.</param>
/// <param name="ConfigureLogging">Replaces the console logging (tests capture the log), or null.</param>
internal sealed record ServeSettings(string RunFolder, IReadOnlyList<string> Urls, ServeOptions Limits, Action<ILoggingBuilder>? ConfigureLogging = null);
