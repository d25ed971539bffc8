namespace QuickDrawDsl.Examples.Forecasting.Book;

/// <summary>The input features of a chapter model.</summary>
internal enum BookInputs
{
    /// <summary>Rail ridership alone, <c>[time, 1]</c>.</summary>
    Rail,

    /// <summary>
    /// The chapter's multivariate inputs, <c>[time, 5]</c>: bus, rail, and the one-hot type of the next day
    /// (<c>next_day_type_A</c> Saturday, <c>_U</c> Sunday or holiday, <c>_W</c> weekday), in <c>pd.get_dummies</c> order.
    /// </summary>
    BusRailNextDayType,
}
