using System;

namespace QuickDrawDsl.Runtime.Data.TimeSeries;

/// <summary>One day of the CTA ridership file.</summary>
/// <param name="Date">The service date.</param>
/// <param name="DayType"><c>W</c> weekday, <c>A</c> Saturday, <c>U</c> Sunday or holiday.</param>
/// <param name="Bus">Bus boardings.</param>
/// <param name="Rail">Rail boardings.</param>
/// <param name="Total">Total rides (bus + rail).</param>
public sealed record RidershipRecord(DateOnly Date, char DayType, long Bus, long Rail, long Total);
