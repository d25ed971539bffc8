namespace QuickDrawDsl.Examples.Forecasting.Pipeline;

/// <summary>The series forecast.</summary>
internal enum ForecastTarget
{
    /// <summary>Daily rail boardings (<c>rail_boardings</c>).</summary>
    Rail,

    /// <summary>Daily bus boardings (<c>bus</c>).</summary>
    Bus,
}
