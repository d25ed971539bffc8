using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training.Checkpoints;
using QuickDrawDsl.Runtime.Training.Metrics;
using Spectre.Console;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary>
/// <c>quickdraw evaluate</c>: top-1, top-3 and per-class accuracy of a trained run on its test split, which training
/// never saw: it reported on (and picked its best epoch by) the validation split — carved from each class's training
/// drawings in memory, by key_id hash in a prepared cache.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--output") { Description = "Run folder written by train", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") }.NotBlank();
        var command = new Command("evaluate", "Top-1/top-3 and per-class accuracy on the test split") { run };
        command.SetAction(parse =>
        {
            Evaluation result = Execute(new RunFolder(parse.GetValue(run)!), Console.Out);
            Print(result, ExampleConsole.Create());
            return ExitCodes.Success;
        });
        return command;
    }

    public static Evaluation Execute(RunFolder run, TextWriter? log = null)
    {
        RunSettings settings = run.Load();
        run.RequireWeights();
        using RunLoaders data = LoadTest(settings, log);
        IBatchLoader test = data.Evaluate;
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        ModelWeights.Load(model, run.Weights);
        model.eval();
        var confusion = new ConfusionMatrix(settings.Categories.Count);
        long top3 = 0;
        foreach (Batch batch in test.GetBatches(null))
        {
            using var scope = NewDisposeScope();
            using (batch)
            using (no_grad())
            {
                Tensor logits = Predict(model, batch);
                confusion.Add(logits, batch.Targets);
                long k = Math.Min(3, settings.Categories.Count);
                Tensor hits = logits.topk((int)k, dim: 1).indexes.eq(batch.Targets.unsqueeze(1)).any(1);
                top3 += hits.sum().item<long>();
            }
        }

        return new Evaluation(settings.Categories, confusion, (double)top3 / confusion.Total);
    }

    /// <summary>The run's test split, read again; bad records are counted (and printed when there are any), and every category needs a test drawing.</summary>
    public static RunLoaders LoadTest(RunSettings settings, TextWriter? log)
    {
        if (settings.Cache is null && !Directory.Exists(settings.Data))
        {
            throw new UserError($"the run's data folder {settings.Data} is gone; restore it (run.json names it) or train again");
        }

        RunLoaders data = RunData.Loaders(settings, batchSize: 64, training: false);
        if (data.Report.BadRecords > 0 && log is not null)
        {
            foreach (string line in DataReport.Summary(data.Report, reportPath: null))
            {
                log.WriteLine(line);
            }
        }

        try
        {
            RunData.RequireEvaluationDrawings(settings, data);
        }
        catch
        {
            data.Dispose();
            throw;
        }

        return data;
    }

    /// <summary>Runs the model on a batch, with its lengths when it takes them.</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Batch batch) =>
        batch.Lengths is not null && model is ISequenceModel sequence ? sequence.forward(batch.Inputs, batch.Lengths) : model.call(batch.Inputs);

    public static void Print(Evaluation result, IAnsiConsole console)
    {
        console.MarkupLine($"Test drawings: {result.Confusion.Total}   top-1 [bold]{result.Confusion.Accuracy:P1}[/]   top-3 [bold]{result.Top3:P1}[/]");
        var table = new Table().AddColumns("category", "accuracy");
        IReadOnlyList<double> perClass = result.Confusion.PerClassAccuracy();
        for (int i = 0; i < result.Categories.Count; i++)
        {
            table.AddRow(Markup.Escape(result.Categories[i]), perClass[i].ToString("P1", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }
}
