using System.Collections.Generic;
using QuickDrawDsl.CommandLine;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Tests.Data.Diagnostics;

/// <summary>
/// A class with no training record is told apart from a class with no record at all: a hash split can hold out every
/// one of a small class's records, and "no usable record" would then send the user hunting for broken files.
/// </summary>
public sealed class DataQualityPolicyTests
{
    [Fact]
    public void AClassWhoseRecordsWereAllHeldOutIsNamedWithItsHeldOutCount()
    {
        DataReadReport report = Report(accepted: 30, bad: 1);
        var training = new Dictionary<string, long> { ["left"] = 0, ["right"] = 20 };
        var heldOut = new Dictionary<string, long> { ["left"] = 3, ["right"] = 7 };

        DataQualityException ex = Should.Throw<DataQualityException>(() => new DataQualityPolicy().Enforce(report, training, heldOut));

        ex.Problem.ShouldBe(DataQualityProblem.NoTrainingRecord);
        ex.Message.ShouldBe("class 'left' has no usable record in the training split: all of its usable records were held out for validation or test ('left' 3)");
    }

    [Fact]
    public void AClassWithNoRecordAnywhereComesFirstAndKeepsItsMessage()
    {
        DataReadReport report = Report(accepted: 30, bad: 1);
        var training = new Dictionary<string, long> { ["left"] = 0, ["up"] = 0, ["right"] = 20 };
        var heldOut = new Dictionary<string, long> { ["left"] = 3 };

        DataQualityException ex = Should.Throw<DataQualityException>(() => new DataQualityPolicy().Enforce(report, training, heldOut));

        ex.Problem.ShouldBe(DataQualityProblem.EmptyClass);
        ex.Message.ShouldBe("class 'up' has no usable record (all data read: Malformed 1)");
        Should.Throw<DataQualityException>(() => new DataQualityPolicy().Enforce(report, training)).Message
            .ShouldBe("classes 'left', 'up' have no usable record (all data read: Malformed 1)", "without held-out counts nothing tells the two apart");
    }

    [Fact]
    public void TheCommandLineLineSaysHowToFixAHeldOutClass()
    {
        DataReadReport report = Report(accepted: 10, bad: 0);
        UserError error = Should.Throw<UserError>(() => DataChecks.Enforce(new DataQualityPolicy(), report,
            new Dictionary<string, long> { ["left"] = 0, ["right"] = 8 }, new Dictionary<string, long> { ["left"] = 2 }, "report.txt", "fix its file"));

        error.Message.ShouldBe("class 'left' has no usable record in the training split: all of its usable records were held out for validation or test ('left' 2); add records to it, or lower the validation and test shares", "a report without bad records is not worth naming");
    }

    private static DataReadReport Report(int accepted, int bad)
    {
        var report = new DataReadReport();
        for (int i = 0; i < accepted; i++)
        {
            report.CountAccepted();
        }

        for (int i = 0; i < bad; i++)
        {
            report.Reject(new BadRecord("clips/left/broken.npy", "clip", i, BadRecordKind.Malformed, "not a clip"), BadRecordPolicy.SkipAndReport);
        }

        return report;
    }
}
