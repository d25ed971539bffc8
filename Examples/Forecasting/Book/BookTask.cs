namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>What a chapter model forecasts from each 56-day window, which decides its targets and its score.</summary>
internal enum BookTask
{
    /// <summary>Rail on the next day: targets <c>[N, 1]</c>.</summary>
    NextDay,

    /// <summary>Bus and rail on the next day (multitask): targets <c>[N, 2]</c>; scored on rail.</summary>
    NextDayBusAndRail,

    /// <summary>Rail on each of the next 14 days at once (seq2vec): targets <c>[N, 14]</c>.</summary>
    Next14Days,

    /// <summary>Rail on the next 14 days after every input step (aligned seq2seq): targets <c>[N, 56, 14]</c>.</summary>
    Next14DaysAtEveryStep,
}
