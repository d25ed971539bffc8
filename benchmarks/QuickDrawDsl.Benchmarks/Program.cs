using System;
using BenchmarkDotNet.Running;
using System.Globalization;
using System.Linq;
using QuickDrawDsl.Benchmarks.Data;
using QuickDrawDsl.Benchmarks.Generator;
using QuickDrawDsl.Benchmarks.Inference;
using QuickDrawDsl.Benchmarks.Training;

// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- --filter '*'     BenchmarkDotNet suites
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- latency          inference latency table
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- throughput [epochs] [batch sizes] [threads]
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- recurrent [repeats] [batch sizes] [threads] [bigru,gru,lstm]   the recurrent layer alone, RecurrentOps vs packing; prints the load average before and after
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- conv [repeats] [batch] [threads]   CPU convolutions, oneDNN vs im2col + GEMM (CpuKernels)
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- build-share      generator share of dotnet build
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- stream-memory    memory while streaming big ndjson
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- standin <folder> <drawings> [seed]   a 345-class stand-in for the full dataset
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- cache-train <cache> [batches] [threads]   memory while training from the cache, vs the in-memory loader
// dotnet run -c Release --project benchmarks/QuickDrawDsl.Benchmarks -- serve-load [run] [requests] [concurrency]   quickdraw serve under load on loopback
if (args.Length > 0 && args[0] == "latency")
{
    return InferenceLatency.Run(Console.Out);
}

if (args.Length > 0 && args[0] == "throughput")
{
    int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
    int[] batchSizes = args.Length > 2 ? args[2].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray() : [32, 128];
    int[] threads = args.Length > 3 ? args[3].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray() : [1, 2];
    return TrainingThroughput.Run(Console.Out, epochs, batchSizes, threads);
}

if (args.Length > 0 && args[0] == "recurrent")
{
    int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
    int[] batchSizes = args.Length > 2 ? args[2].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray() : [32, 128];
    int[] threads = args.Length > 3 ? args[3].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray() : [1];
    QuickDrawDsl.Runtime.Native.TorchNative.EnsureLoaded();
    var lengths = TrainingThroughput.LoadShared().Samples.Select(s => s.Length).ToList();
    string[] layers = args.Length > 4 ? args[4].Split(',') : ["bigru", "gru", "lstm"];
    return RecurrentLayerThroughput.Run(Console.Out, lengths, TrainingThroughput.SketchClassifierUnits(), repeats, batchSizes, threads, layers);
}

if (args.Length > 0 && args[0] == "conv")
{
    int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    int batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
    int threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
    return ConvolutionKernels.Run(Console.Out, repeats, batch, threads);
}

if (args.Length > 0 && args[0] == "stream-memory")
{
    int[] sizes = args.Length > 1 ? args[1].Split(',').Select(m => int.Parse(m, CultureInfo.InvariantCulture)).ToArray() : [64, 256, 1024];
    return StreamingMemory.Run(Console.Out, sizes);
}

if (args.Length > 2 && args[0] == "stream-memory-child")
{
    return StreamingMemory.Child(Console.Out, args[1], args[2] == "dedupe");
}

if (args.Length > 0 && args[0] == "serve-load")
{
    return QuickDrawDsl.Benchmarks.Serving.ServeLoad.Run(
        Console.Out,
        args.Length > 1 ? args[1] : System.IO.Path.Combine(QuickDrawDsl.Benchmarks.Generator.GeneratorBenchmarks.RepoRoot(), "runs", "quickdraw"),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16);
}

if (args.Length > 2 && args[0] == "standin")
{
    return QuickDrawDsl.Benchmarks.StandIn.StandInDataset.Run(Console.Out, args[1], long.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0);
}

if (args.Length > 1 && args[0] == "cache-train")
{
    return QuickDrawDsl.Benchmarks.StandIn.CacheBenchmarks.Train(Console.Out, args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
}

if (args.Length > 0 && args[0] == "build-share")
{
    return BuildShare.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
}

BenchmarkSwitcher.FromAssembly(typeof(QuickDrawDsl.Benchmarks.BenchmarkConfig).Assembly).Run(args, new QuickDrawDsl.Benchmarks.BenchmarkConfig());
return 0;
