using System;
using BenchmarkDotNet.Running;
using QuickDrawDsl.Benchmarks.Inference;

// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- --filter '*'     BenchmarkDotNet suites
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- latency          inference latency table
if (args.Length > 0 && args[0] == "latency")
{
    return InferenceLatency.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new QuickDrawDsl.Benchmarks.BenchmarkConfig());
return 0;
