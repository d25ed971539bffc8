using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Batching;
using QuickDrawDsl.Runtime.Data.Video;
using QuickDrawDsl.Runtime.Training;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Tests.Data.Video;

public sealed class SyntheticClipTests
{
    [Fact]
    public void SameSeedSameClipsAndEveryDirectionAppears()
    {
        IReadOnlyList<VideoClip> a = new SyntheticClipGenerator(5).Generate(40);
        IReadOnlyList<VideoClip> b = new SyntheticClipGenerator(5).Generate(40);
        IReadOnlyList<VideoClip> c = new SyntheticClipGenerator(6).Generate(40);
        a.Select(x => x.Label).ShouldBe(b.Select(x => x.Label));
        a[7].Data.ShouldBe(b[7].Data);
        a[7].Data.ShouldNotBe(c[7].Data);
        a.Select(x => x.Label).Distinct().OrderBy(l => l).ShouldBe([0L, 1, 2, 3]);
        a[0].Shape.ShouldBe([1L, 8, 16, 16]);
    }

    [Theory]
    [InlineData(MotionDirection.Right, 1, 0)]
    [InlineData(MotionDirection.Left, -1, 0)]
    [InlineData(MotionDirection.Down, 0, 1)]
    [InlineData(MotionDirection.Up, 0, -1)]
    public void TheSquareMovesInItsDirection(MotionDirection direction, int dx, int dy)
    {
        VideoClip clip = new SyntheticClipGenerator(9, frames: 6, size: 12, noise: 0).Next(direction);
        clip.Label.ShouldBe((long)direction);
        (double x0, double y0) = Centre(clip, 0);
        (double x1, double y1) = Centre(clip, clip.Frames - 1);
        (System.Math.Sign(System.Math.Round(x1 - x0, 6)), System.Math.Sign(System.Math.Round(y1 - y0, 6))).ShouldBe((dx, dy));
        System.Math.Abs((x1 - x0) + (y1 - y0)).ShouldBe(9, tolerance: 1e-9, "the square crosses size − side = 12 − 3 pixels");
    }

    [Fact]
    public void CollatesToFiveDimensionsAndA3dCnnLearnsTheDirection()
    {
        IReadOnlyList<VideoClip> train = new SyntheticClipGenerator(21, frames: 6, size: 12, noise: 0.2).Generate(192);
        IReadOnlyList<VideoClip> valid = new SyntheticClipGenerator(22, frames: 6, size: 12, noise: 0.2).Generate(64);
        using (var scope = NewDisposeScope())
        {
            Batch batch = VideoCollate.Classification(train.Take(4).ToArray());
            batch.Inputs.shape.ShouldBe([4L, 1, 6, 12, 12]);
            batch.Targets.data<long>().ToArray().ShouldBe(train.Take(4).Select(c => c.Label).ToArray());
        }

        DataLoader<VideoClip> Loader(IReadOnlyList<VideoClip> clips, bool shuffle) =>
            new(new ListDataset<VideoClip>(clips), VideoCollate.Classification, new DataLoaderOptions { BatchSize = 32, Shuffle = shuffle, PrefetchBatches = 2 });

        random.manual_seed(23);
        using var model = nn.Sequential(
            nn.Conv3d(1, 6, 3, padding: 1),
            nn.ReLU(),
            nn.MaxPool3d(2),
            nn.Flatten(),
            nn.Linear(6 * 3 * 6 * 6, 4));
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 6, LearningRate = 3e-3, Progress = ProgressMode.None, ClassCount = 4 });
        TrainingResult result = trainer.Fit(Loader(train, true), Loader(valid, false));

        result.History[^1].Get(MetricNames.ValidationAccuracy).ShouldBeGreaterThan(0.8, string.Join(", ", result.History.Select(r => r.Get(MetricNames.ValidationAccuracy))));
        result.ValidationConfusion!.Total.ShouldBe(64);
    }

    private static (double X, double Y) Centre(VideoClip clip, int frame)
    {
        double sx = 0, sy = 0, sum = 0;
        for (int y = 0; y < clip.Height; y++)
        {
            for (int x = 0; x < clip.Width; x++)
            {
                double v = clip.At(0, frame, y, x);
                sx += v * x;
                sy += v * y;
                sum += v;
            }
        }

        return (sx / sum, sy / sum);
    }
}
