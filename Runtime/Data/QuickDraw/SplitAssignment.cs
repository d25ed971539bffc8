namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>An item with the split it was assigned to and its 0-based position within its class.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Item">The item.</param>
/// <param name="Split">Its split.</param>
/// <param name="IndexInClass">How many items of the same class came before it.</param>
public readonly record struct SplitAssignment<T>(T Item, DataSplit Split, int IndexInClass);
