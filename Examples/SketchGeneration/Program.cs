using System;
using System.CommandLine;
using System.IO;
using QuickDrawDsl.Examples.SketchGeneration.Pipeline;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

// sketchgen --help for the options. Defaults: the recipe whose numbers are in the README.
var defaults = new TrainingSettings();
var data = new Option<string?>("--data") { Description = $"QuickDraw simplified .ndjson file of one class (default: ${DataLocator.EnvironmentVariable}, ./data/quickdraw/{DataLocator.DefaultFile}, the shared sample data)" };
var output = new Option<string>("--out") { Description = "Run folder (weights, decoder.onnx, metrics.csv, results.json/.md, PNGs)", DefaultValueFactory = _ => Path.Combine("runs", "sketchgen") };
var train = new Option<int>("--train") { Description = "Training drawings, from the start of the file", DefaultValueFactory = _ => 800 };
var test = new Option<int>("--test") { Description = "Held-out drawings, right after the training ones", DefaultValueFactory = _ => 200 };
var decoder = new Option<DecoderKind>("--decoder") { Description = "Repeat (latent at every step), TeacherForced or FreeRunning (feedback decoder trained with / without teacher forcing)", DefaultValueFactory = _ => defaults.Decoder };
var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => defaults.Epochs };
var batch = new Option<int>("--batch-size") { Description = "Drawings per step", DefaultValueFactory = _ => defaults.BatchSize };
var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW, cosine decay)", DefaultValueFactory = _ => defaults.LearningRate };
var kl = new Option<double>("--kl-weight") { Description = "Weight of the KL term (0: a plain autoencoder)", DefaultValueFactory = _ => defaults.KlWeight };
var freeBits = new Option<double>("--free-bits") { Description = "KL per latent dimension below which it is not penalised (nats)", DefaultValueFactory = _ => defaults.FreeBits };
var augmentScale = new Option<double>("--augment-scale") { Description = "Random per-axis scale change per drawing and epoch, 0..1 (0: none)", DefaultValueFactory = _ => defaults.AugmentScale };
var augmentRotation = new Option<double>("--augment-rotation") { Description = "Random rotation per drawing and epoch, degrees either way (0: none)", DefaultValueFactory = _ => defaults.AugmentRotation };
var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
var threads = new Option<int>("--threads") { Description = "libtorch threads (1 is fastest when other work shares the cores)", DefaultValueFactory = _ => 1 };

var root = new RootCommand("Sketch generation with a YAML vec2seq decoder: a variational autoencoder trained on QuickDraw drawings (default: 1,000 monkeys) that decodes latent vectors into stroke-3 drawings; writes results and PNGs")
{
    data, output, train, test, decoder, epochs, batch, lr, kl, freeBits, augmentScale, augmentRotation, seed, threads,
};
root.SetAction(parse =>
{
    string file = DataLocator.Find(parse.GetValue(data));
    var settings = defaults with
    {
        Decoder = parse.GetValue(decoder),
        Epochs = parse.GetValue(epochs),
        BatchSize = parse.GetValue(batch),
        LearningRate = parse.GetValue(lr),
        KlWeight = parse.GetValue(kl),
        FreeBits = parse.GetValue(freeBits),
        AugmentScale = parse.GetValue(augmentScale),
        AugmentRotation = parse.GetValue(augmentRotation),
        Seed = parse.GetValue(seed),
    };
    Check(settings.Epochs >= 1 && settings.BatchSize >= 1, "--epochs and --batch-size must be at least 1");
    Check(settings.LearningRate > 0 && settings.KlWeight >= 0 && settings.FreeBits >= 0, "--lr must be positive; --kl-weight and --free-bits must not be negative");
    Check(settings.AugmentScale is >= 0 and < 1 && settings.AugmentRotation >= 0, "--augment-scale must be in [0, 1) and --augment-rotation must not be negative");
    Check(parse.GetValue(train) >= 1 && parse.GetValue(test) >= 2, "--train must be at least 1 and --test at least 2");
    TorchNative.EnsureLoaded();
    torch.set_num_threads(Math.Max(1, parse.GetValue(threads)));
    SketchGenerationRun.Execute(new RunOptions(file, parse.GetValue(output)!, parse.GetValue(train), parse.GetValue(test), settings), Console.Out);
    return 0;
});

return ExampleCommandLine.Invoke(root, args);

static void Check(bool ok, string message)
{
    if (!ok)
    {
        throw new UserError(message);
    }
}
