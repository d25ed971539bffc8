using System;
using System.CommandLine;
using System.IO;
using QuickDrawDsl.Examples.SketchGeneration.Pipeline;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;

// sketchgen --help for the options. Defaults: the recipe whose numbers are in the README.
var defaults = new TrainingSettings();
var data = new Option<string?>("--data") { Description = $"QuickDraw simplified .ndjson file of one class (default: ${DataLocator.EnvironmentVariable}, ./data/quickdraw/{DataLocator.DefaultFile}, the shared sample data)" };
var output = new Option<string>("--out") { Description = "Run folder (weights, decoder.onnx, metrics.csv, results.json/.md, PNGs)", DefaultValueFactory = _ => Path.Combine("runs", "sketchgen") }.NotBlank();
var train = new Option<int>("--train") { Description = "Training drawings, from the start of the file", DefaultValueFactory = _ => 800 }.AtLeast(1);
var test = new Option<int>("--test") { Description = "Held-out drawings, right after the training ones", DefaultValueFactory = _ => 200 }.AtLeast(2);
var decoder = new Option<DecoderKind>("--decoder") { Description = "Repeat (latent at every step), TeacherForced or FreeRunning (feedback decoder trained with / without teacher forcing), Conditioned or ConditionedFreeRunning (feedback decoder fed the latent at every step too, with / without teacher forcing)", DefaultValueFactory = _ => defaults.Decoder };
var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => defaults.Epochs }.AtLeast(1);
var batch = new Option<int>("--batch-size") { Description = "Drawings per step", DefaultValueFactory = _ => defaults.BatchSize }.AtLeast(1);
var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW, cosine decay)", DefaultValueFactory = _ => defaults.LearningRate }.Positive();
var kl = new Option<double>("--kl-weight") { Description = "Weight of the KL term (0: a plain autoencoder)", DefaultValueFactory = _ => defaults.KlWeight }.NotNegative();
var freeBits = new Option<double>("--free-bits") { Description = "KL per latent dimension below which it is not penalised (nats)", DefaultValueFactory = _ => defaults.FreeBits }.NotNegative();
var augmentScale = new Option<double>("--augment-scale") { Description = "Random per-axis scale change per drawing and epoch, 0..1 (0: none)", DefaultValueFactory = _ => defaults.AugmentScale }.Between(0, 1, maximumIncluded: false);
var augmentRotation = new Option<double>("--augment-rotation") { Description = "Random rotation per drawing and epoch, degrees either way (0: none)", DefaultValueFactory = _ => defaults.AugmentRotation }.Between(0, 180);
var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
Option<int> threads = CommonOptions.Threads();
Option<bool> force = CommonOptions.Force("the results already in --out");
Option<double> maxBad = CommonOptions.MaxBadFraction();
var outputRule = new RunFolderRule("--out", ["model.bin", "decoder.onnx", "metrics.csv", "results.json", "results.md", "reconstructions.png", "samples.png", "interpolations.png"], CanResume: false);

var root = new RootCommand("Sketch generation with a YAML vec2seq decoder: a variational autoencoder trained on QuickDraw drawings (default: 1,000 monkeys) that decodes latent vectors into stroke-3 drawings; writes results and PNGs")
{
    data, output, train, test, decoder, epochs, batch, lr, kl, freeBits, augmentScale, augmentRotation, seed, threads, force, maxBad,
};
root.SetAction(parse =>
{
    string folder = parse.GetValue(output)!;
    OutputLocation.EnsureWritableFolder(folder, "--out");
    bool replace = outputRule.Decide(folder, resume: false, parse.GetValue(force)) == RunStart.Restart;
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
    TorchNative.EnsureLoaded();
    torch.set_num_threads(parse.GetValue(threads));
    if (replace)
    {
        outputRule.Clear(folder);
    }

    SketchGenerationRun.Execute(new RunOptions(file, parse.GetValue(output)!, parse.GetValue(train), parse.GetValue(test), settings, parse.GetValue(maxBad)), Console.Out);
    return ExitCodes.Success;
});

return ExampleCommandLine.Invoke(root, args);
