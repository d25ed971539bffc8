using System;
using System.Collections.Generic;

namespace QuickDrawDsl.Generator.Helpers;

/// <summary>Conversions to <see cref="EquatableArray{T}"/>.</summary>
internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
