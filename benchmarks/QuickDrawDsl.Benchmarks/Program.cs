using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new QuickDrawDsl.Benchmarks.BenchmarkConfig());
