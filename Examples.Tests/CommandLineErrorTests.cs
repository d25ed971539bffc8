using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Examples.Tests.Infrastructure;

namespace QuickDrawDsl.Examples.Tests;

/// <summary>
/// Every example program, run as a process with a user's mistakes: bad options, unwritable outputs, hand-broken data,
/// runs and model files. Each must end with its exit code and exactly one line on stderr that names the problem, and
/// never with a stack trace. The table is run by <see cref="Parts"/> test classes (CommandLineErrorTestsPart*), each
/// taking every <see cref="Parts"/>-th case, so that xUnit runs the processes of different parts in parallel.
/// </summary>
public sealed class CommandLineErrorTests
{
    /// <summary>How many test classes share the table.</summary>
    public const int Parts = 3;

    public static TheoryData<string, string[], int, string[]> All() => new()
    {
        // quickdraw: options, checked before any data is read
        { "quickdraw", ["train", "--epochs", "0"], 2, ["--epochs 0", "at least 1"] },
        { "quickdraw", ["train", "--epochs", "-1"], 2, ["--epochs -1", "at least 1"] },
        { "quickdraw", ["train", "--epochs", "abc"], 2, ["--epochs 'abc'", "whole number"] },
        { "quickdraw", ["train", "--batch-size", "0"], 2, ["--batch-size", "at least 1"] },
        { "quickdraw", ["train", "--train-per-class", "-3"], 2, ["--train-per-class -3"] },
        { "quickdraw", ["train", "--test-per-class", "0"], 2, ["--test-per-class 0"] },
        { "quickdraw", ["train", "--validation-fraction", "0"], 2, ["--validation-fraction 0", "(0, 1)"] },
        { "quickdraw", ["train", "--validation-fraction", "1"], 2, ["--validation-fraction 1", "(0, 1)"] },
        { "quickdraw", ["train", "--train-per-class", "1", "--output", "r-val1"], 2, ["--train-per-class 1", "no drawing to validate on", "--train-per-class 2 or more"] },
        { "quickdraw", ["train", "--train-per-class", "4", "--validation-fraction", "0.9", "--output", "r-val2"], 2, ["--validation-fraction 0.9", "leaving none to train on", "--validation-fraction 0.75 or less"] },
        { "quickdraw", ["train", "--categories", ","], 2, ["--categories", "comma-separated"] },
        { "quickdraw", ["train", "--categories", "apple,,banana"], 2, ["--categories", "comma-separated"] },
        { "quickdraw", ["train", "--data", "data", "--categories", "apple,zebra"], 2, ["no data for 'zebra'"] },
        { "quickdraw", ["train", "--data", "data", "--categories", "apple"], 2, ["at least 2"] },
        { "quickdraw", ["train", "--data", "data", "--device", "cuda"], 2, ["CUDA", "--device cpu"] },
        { "quickdraw", ["train", "--device", "gpu"], 2, ["--device 'gpu'", "cpu, cuda, auto"] },
        { "quickdraw", ["train", "--model", "SketchClasifier"], 2, ["--model 'SketchClasifier' is not one of: BitmapClassifier, SketchClassifier; did you mean 'SketchClassifier'?"] },
        { "quickdraw", ["train", "--format", "bitmap"], 2, ["'--format' is not an option of 'quickdraw train'"] },
        { "quickdraw", ["train", "--threads", "0"], 2, ["--threads 0"] },
        { "quickdraw", ["train", "--max-bad-fraction", "2"], 2, ["--max-bad-fraction 2", "[0, 1]"] },
        { "quickdraw", ["train", "--max-bad-fraction", "lots"], 2, ["--max-bad-fraction 'lots'", "a number"] },
        { "quickdraw", ["train", "--epoch", "3"], 2, ["'--epoch'", "did you mean --epochs"] },
        { "quickdraw", ["trian"], 2, ["'trian' is not a command", "did you mean 'train'"] },
        { "quickdraw", [], 2, ["needs a command", "train"] },
        // quickdraw: outputs that cannot be written, found before the data is read
        { "quickdraw", ["train", "--data", "data", "--output", "/proc/qd-run"], 2, ["--output /proc/qd-run", "cannot write"] },
        { "quickdraw", ["train", "--data", "data", "--output", "a-file/run"], 2, ["lies under the file"] },
        { "quickdraw", ["train", "--data", "data", "--output", "read-only-folder/run"], 2, ["cannot write", "read-only"] },
        { "quickdraw", ["export", "--output", "read-only"], 2, ["--output read-only", "cannot write"] },
        { "quickdraw", ["predict", "--output", "run3", "--input", "data/apple.ndjson", "--png", "a-file/p.png"], 2, ["--png", "lies under the file"] },
        // quickdraw: the run folder rule
        { "quickdraw", ["train", "--data", "data", "--output", "run3"], 2, ["already holds a run", "--resume", "--force"] },
        { "quickdraw", ["train", "--data", "data", "--output", "run3", "--resume", "--force"], 2, ["contradict"] },
        { "quickdraw", ["train", "--data", "data", "--categories", "apple,banana", "--train-per-class", "16", "--test-per-class", "8", "--output", "run3", "--resume"], 2, ["--resume", "--categories apple,banana,eye"] },
        { "quickdraw", ["train", "--data", "data", "--train-per-class", "16", "--test-per-class", "8", "--validation-fraction", "0.2", "--output", "run3", "--resume"], 2, ["--resume", "--validation-fraction 0.1"] },
        { "quickdraw", ["train", "--data", "data", "--train-per-class", "16", "--test-per-class", "8", "--output", "legacy-run", "--resume"], 2, ["--resume: legacy-run holds a run of the earlier quickdraw train (run.json, no train-settings.json)", "--force"] },
        // quickdraw: data that cannot be trained on
        { "quickdraw", ["train", "--data", "nowhere"], 2, ["--data", "no .ndjson files", "quickdraw download"] },
        // quickdraw: train --cache and stream, with a cache that is not there or not a cache
        { "quickdraw", ["train", "--cache", "nowhere", "--output", "r-cache"], 2, ["nowhere does not exist", "quickdraw prepare"] },
        { "quickdraw", ["train", "--cache", "data", "--output", "r-cache"], 2, ["--cache data is a folder of QuickDraw files", "quickdraw prepare --data data"] },
        { "quickdraw", ["train", "--cache", "data", "--data", "data", "--output", "r-cache"], 2, ["--data does not apply"] },
        { "quickdraw", ["train", "--cache", "data", "--train-per-class", "5", "--output", "r-cache"], 2, ["--train-per-class does not apply", "--max-per-class"] },
        { "quickdraw", ["train", "--cache", "data", "--checkpoint-every", "0", "--output", "r-cache"], 2, ["--checkpoint-every 0"] },
        { "quickdraw", ["train", "--cache", "data", "--validation-fraction", "0.2", "--output", "r-cache"], 2, ["--validation-fraction does not apply"] },
        { "quickdraw", ["stream"], 2, ["--cache", "required"] },
        { "quickdraw", ["stream", "--cache", "nowhere"], 2, ["nowhere does not exist"] },
        { "quickdraw", ["train", "--data", "a-file"], 2, ["--data a-file is a file"] },
        { "quickdraw", ["train", "--data", "empty-class", "--output", "r-empty"], 2, ["'apple'", "no usable record"] },
        { "quickdraw", ["train", "--data", "blank-class", "--output", "r-blank"], 2, ["'apple'", "no usable record"] },
        { "quickdraw", ["train", "--data", "garbage-class", "--output", "r-garbage"], 2, ["'apple'", "no usable record", "Malformed 20"] },
        { "quickdraw", ["train", "--data", "all-bad", "--output", "r-all-bad"], 2, ["'apple', 'banana', 'eye'", "no usable record"] },
        { "quickdraw", ["train", "--data", "duplicates", "--train-per-class", "16", "--test-per-class", "8", "--output", "r-dups"], 2, ["'apple' has only 1 usable drawing", "none is left to test on"] },
        { "quickdraw", ["train", "--data", "huge-coordinates", "--output", "r-huge"], 2, ["6 of 78 records", "OutOfRange 6", "--max-bad-fraction 0.08", "data-report.txt"] },
        { "quickdraw", ["train", "--data", "invalid-utf8", "--output", "r-utf8"], 2, ["6 of 78 records", "InvalidEncoding 6"] },
        { "quickdraw", ["train", "--data", "broken-link", "--output", "r-link"], 2, ["zebra.ndjson", "broken symbolic link"] },
        // quickdraw: broken runs and model files
        { "quickdraw", ["evaluate", "--output", "nowhere"], 2, ["nowhere/preprocessing.json does not exist", "train the model first"] },
        { "quickdraw", ["evaluate", "--output", "data"], 2, ["data/preprocessing.json does not exist", "--output"] },
        { "quickdraw", ["evaluate", "--output", "bad-json"], 2, ["bad-json/train-settings.json is not valid JSON", "train again with --force"] },
        { "quickdraw", ["evaluate", "--output", "bad-preprocessing"], 2, ["bad-preprocessing/preprocessing.json", "--force"] },
        { "quickdraw", ["evaluate", "--output", "truncated-weights"], 2, ["truncated-weights/model.qdweights is truncated", "train the run again with --force"] },
        { "quickdraw", ["evaluate", "--output", "other-weights"], 2, ["other-weights/model.qdweights was trained on 2 classes (apple, banana), but the run's preprocessing.json lists 3 (apple, banana, eye)"] },
        { "quickdraw", ["export", "--output", "truncated-weights"], 2, ["model.qdweights is truncated"] },
        { "quickdraw", ["export", "--output", "other-weights"], 2, ["other-weights/model.qdweights was trained on 2 classes"] },
        { "quickdraw", ["predict", "--output", "text-onnx", "--input", "data/apple.ndjson"], 2, ["model.onnx is not an ONNX model", "quickdraw export --output text-onnx"] },
        { "quickdraw", ["predict", "--output", "checkpoint-onnx", "--input", "data/apple.ndjson"], 2, ["model.onnx is not an ONNX model"] },
        { "quickdraw", ["predict", "--output", "truncated-onnx", "--input", "data/apple.ndjson"], 2, ["model.onnx", "quickdraw export"] },
        { "quickdraw", ["predict", "--output", "no-onnx", "--input", "data/apple.ndjson"], 2, ["model.onnx is missing", "quickdraw export --output no-onnx"] },
        { "quickdraw", ["predict", "--output", "run3", "--input", "data/apple.ndjson", "--top", "4"], 2, ["--top 4 is more than the 3 classes of run3/model.onnx", "use at most 3"] },
        { "quickdraw", ["predict", "--output", "run3", "--input", "data/apple.ndjson", "--top", "0"], 2, ["--top 0", "at least 1"] },
        { "quickdraw", ["predict", "--output", "run3", "--input", "missing.ndjson"], 2, ["--input missing.ndjson does not exist"] },
        { "quickdraw", ["predict", "--output", "run3", "--input", "data"], 2, ["--input data is a folder"] },
        { "quickdraw", ["train", "--data", "data", "--train-per-class", "16", "--test-per-class", "8", "--output", "flipped-checkpoint", "--resume", "--epochs", "2"], 2, ["checkpoint.qdckpt", "is corrupt"] },
        { "quickdraw", ["train", "--data", "data", "--train-per-class", "16", "--test-per-class", "8", "--output", "flipped-header", "--resume", "--epochs", "2"], 2, ["checkpoint.qdckpt", "is corrupt"] },
        // quickdraw download: no network needed to refuse these
        { "quickdraw", ["download"], 2, ["--categories", "required"] },
        { "quickdraw", ["download", "--categories", "all,apple"], 2, ["mixes 'all' with other names"] },
        { "quickdraw", ["download", "--categories", "apple", "--per-class", "0"], 2, ["--per-class 0"] },
        { "quickdraw", ["download", "--categories", "apple", "--source", "ftp://example.org/x"], 2, ["--source", "http(s)"] },
        { "quickdraw", ["download", "--categories", "apple", "--output", "/proc/qd"], 2, ["--output /proc/qd", "cannot write"] },
        // video: the generated train | evaluate | export | predict, and the example's all and generate
        { "video", ["--epochs", "0"], 2, ["--epochs 0"] },
        { "video", ["--noise", "-1"], 2, ["--noise -1"] },
        { "video", ["all", "--per-class", "2"], 2, ["--per-class 2"] },
        { "video", ["all", "--output", "/proc/video"], 2, ["--output /proc/video", "cannot write"] },
        { "video", ["train", "--epochs", "0"], 2, ["--epochs 0", "video train --help"] },
        { "video", ["train", "--data", "nowhere", "--output", "v-run"], 2, ["--data nowhere: no such folder"] },
        { "video", ["train", "--data", "a-file", "--output", "v-run"], 2, ["--data a-file is a file"] },
        { "video", ["train", "--data", "data", "--output", "v-run"], 2, ["has the class folders", "'labels:' in MotionClassifier.model.yaml"] },
        { "video", ["evaluate", "--output", "nowhere"], 2, ["preprocessing.json does not exist", "--output"] },
        { "video", ["export", "--output", "nowhere"], 2, ["model.qdweights", "MotionClassifier train"] },
        { "video", ["predict", "--output", "nowhere"], 2, ["--input", "required"] },
        { "video", ["predict", "--output", "nowhere", "--input", "clip.npy"], 2, ["--input clip.npy does not exist"] },
        { "video", ["generate", "--output", "a-file/clips"], 2, ["lies under the file"] },
        { "video", ["generate", "--format", "gif"], 2, ["gif"] },
        { "video", ["trian"], 2, ["'trian' is not a command", "did you mean 'train'"] },
        // forecast
        { "forecast", ["compare", "--epochs", "0"], 2, ["--epochs 0"] },
        { "forecast", ["compare", "--learning-rate", "-1"], 2, ["--learning-rate -1", "above 0"] },
        { "forecast", ["compare", "--window", "3"], 2, ["--window 3", "at least 7"] },
        { "forecast", ["compare", "--models", "nope", "--data", "nowhere"], 2, ["nowhere"] },
        { "forecast", ["compare", "--data", "nowhere.csv"], 2, ["No ridership data at 'nowhere.csv'"] },
        { "forecast", ["compare", "--out", "/proc/forecast"], 2, ["--out /proc/forecast", "cannot write"] },
        { "forecast", ["compare", "--target", "tram"], 2, ["--target 'tram'", "rail, bus"] },
        { "forecast", ["prepare", "--data", "nowhere.csv"], 2, ["No ridership data at 'nowhere.csv'"] },
        { "forecast", ["prepare", "--from", "2019-01-01", "--to", "2018-12-31"], 2, ["--to 2018-12-31 is before --from 2019-01-01"] },
        { "forecast", ["prepare", "--from", "2019-13-01"], 2, ["--from '2019-13-01' is not a date", "yyyy-MM-dd"] },
        { "forecast", ["train", "--model", "Seq2VecForecster"], 2, ["--model 'Seq2VecForecster'", "did you mean 'Seq2VecForecaster'?"] },
        { "forecast", ["train", "--model", "Seq2VecForecaster", "--output", "f-run"], 2, ["--data data/cta-ridership.csv: no such file"] },
        { "forecast", ["train", "--model", "EncoderDecoderForecaster", "--output", "f-run"], 2, ["model EncoderDecoderForecaster has no data: section"] },
        { "forecast", ["predict", "--model", "Seq2VecForecaster", "--output", "f-none", "--input", "x.csv"], 2, ["x.csv"] },
        { "forecast", ["trian"], 2, ["'trian' is not a command", "did you mean 'train'"] },
        // sketchgen
        { "sketchgen", ["--epochs", "0"], 2, ["--epochs 0"] },
        { "sketchgen", ["--lr", "0"], 2, ["--lr 0", "above 0"] },
        { "sketchgen", ["--augment-scale", "1.5"], 2, ["--augment-scale 1.5"] },
        { "sketchgen", ["--data", "missing.ndjson"], 2, ["No drawings file 'missing.ndjson'"] },
        { "sketchgen", ["--out", "/proc/sketch"], 2, ["--out /proc/sketch", "cannot write"] },
        { "sketchgen", ["--data", "sketch/bad/monkey.ndjson", "--train", "10", "--test", "5", "--out", "s-bad"], 2, ["are bad", "--max-bad-fraction"] },
    };

    /// <summary>The cases whose index in <see cref="All"/> is <paramref name="part"/> modulo <see cref="Parts"/>.</summary>
    public static TheoryData<string, string[], int, string[]> Part(int part)
    {
        var data = new TheoryData<string, string[], int, string[]>();
        int index = 0;
        foreach (object[] c in All())
        {
            if (index++ % Parts == part)
            {
                data.Add((string)c[0], (string[])c[1], (int)c[2], (string[])c[3]);
            }
        }

        return data;
    }

    /// <summary>Runs one case and asserts its exit code, its single stderr line with the words, and no stack trace.</summary>
    internal static void Check(Workspace workspace, string program, string[] args, int exitCode, string[] words)
    {
        ProgramRun run = workspace.Run(program, args);
        run.ExitCode.ShouldBe(exitCode, run.ToString());
        run.ErrorLines.Length.ShouldBe(1, run.ToString());
        string line = run.ErrorLines[0];
        line.ShouldStartWith(program + ": ");
        foreach (string word in words)
        {
            line.ShouldContain(word, Case.Sensitive, run.ToString());
        }

        (run.Stdout + run.Stderr).ShouldNotContain("Unhandled exception");
        (run.Stdout + run.Stderr).Split('\n').ShouldNotContain(l => l.TrimStart().StartsWith("at ", System.StringComparison.Ordinal) && l.Contains('('), run.ToString());
    }

    [Fact]
    public void TheTableCoversEveryProgramAndAtLeastFiftyCases()
    {
        List<object[]> cases = All().Select(c => (object[])c).ToList();
        cases.Count.ShouldBeGreaterThanOrEqualTo(50);
        cases.Select(c => (string)c[0]).Distinct().Order().ShouldBe(["forecast", "quickdraw", "sketchgen", "video"]);
        Enumerable.Range(0, Parts).Sum(p => Part(p).Count()).ShouldBe(cases.Count);
    }
}
