using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using QuickDrawDsl.Examples.QuickDraw.Experiment;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Native;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw stream</c>: runs a prepared cache's training split through exactly what <c>train --cache</c> feeds the
/// model (preprocessing, augmentation, length bucketing, padded batches) without a model, reading every drawing: how
/// many drawings per second the data pipeline delivers (what an accelerator could consume), how soon the first batch
/// comes, and the memory it takes.
/// </summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var cache = new Option<string>("--cache") { Description = "A cache made by quickdraw prepare", Required = true }.NotBlank();
        var batch = new Option<int>("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => 128 }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Epochs to stream", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var limit = new Option<int?>("--max-batches") { Description = "Stop after this many batches (default: whole epochs)" }.AtLeast(1);
        var workers = new Option<int>("--workers") { Description = "Threads that preprocess and augment", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed (shuffling and augmentation)", DefaultValueFactory = _ => 42 };
        var command = new Command("stream", "Stream a prepared cache's training split through preprocessing, augmentation and batching without a model: drawings/s, time to first batch, memory")
        {
            cache, batch, epochs, limit, workers, seed,
        };
        command.SetAction(parse =>
        {
            StreamResult result = Execute(parse.GetValue(cache)!, parse.GetValue(batch), parse.GetValue(epochs), parse.GetValue(limit), parse.GetValue(workers), parse.GetValue(seed));
            Console.WriteLine(result.Describe());
            return ExitCodes.Success;
        });
        return command;
    }

    public static StreamResult Execute(string cache, int batchSize, int epochs, int? maxBatches, int workers, int seed)
    {
        TorchNative.EnsureLoaded();
        using var memory = new ProcessMemory(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(cache))
        {
            throw new UserError($"--cache {cache} does not exist; make one with quickdraw prepare --data <folder of .ndjson or .bin files> --output {cache}");
        }

        using SketchCacheData data = SketchCacheData.Create(SketchFormat.OpenCache(cache, cache), trained: null, onBadRecord: null, workers);
        IBatchLoader train = data.Train(batchSize, shuffle: true);
        var random = new ShuffleRandom(seed);
        double first = 0;
        long drawings = 0, batches = 0, points = 0;
        for (int epoch = 0; epoch < epochs && batches != maxBatches; epoch++)
        {
            foreach (Batch batch in train.GetBatches(random))
            {
                using (batch)
                {
                    first = first == 0 ? clock.Elapsed.TotalSeconds : first;
                    drawings += batch.Count;
                    points += batch.Inputs.shape[0] * batch.Inputs.shape[1];
                }

                if (++batches == maxBatches)
                {
                    break;
                }
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        memory.Sample();
        return new StreamResult(train.SampleCount, drawings, batches, points, first, seconds - first, memory.PeakResident, memory.PeakHeap, workers);
    }
}
