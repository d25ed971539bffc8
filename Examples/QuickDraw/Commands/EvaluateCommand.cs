using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using QuickDrawDsl.Examples.QuickDraw.Pipeline;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Models;
using QuickDrawDsl.Runtime.Training.Metrics;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Examples.QuickDraw.Commands;

/// <summary><c>quickdraw evaluate</c>: top-1, top-3 and per-class accuracy of a trained run on its test split.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by train", DefaultValueFactory = _ => Path.Combine("runs", "quickdraw") };
        var command = new Command("evaluate", "Top-1/top-3 and per-class accuracy on the test split") { run };
        command.SetAction(parse =>
        {
            Evaluation result = Execute(new RunFolder(parse.GetValue(run)!));
            Print(result, AnsiConsole.Console);
            return 0;
        });
        return command;
    }

    public static Evaluation Execute(RunFolder run)
    {
        RunSettings settings = run.Load();
        if (!File.Exists(run.Weights))
        {
            throw new UserError($"{run.Weights} is missing; train the run first.");
        }

        (_, IBatchLoader test, _) = RunData.Loaders(settings, batchSize: 64);
        using nn.Module<Tensor, Tensor> model = RunData.CreateModel(settings);
        model.load(run.Weights);
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
