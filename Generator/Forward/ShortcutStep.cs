namespace QuickDrawDsl.Generator.Forward;

/// <summary>
/// Keeps <c>x</c> as the shortcut of a residual block before its layers run; <paramref name="Index"/> numbers the
/// block in its method, so the <see cref="AddShortcutStep"/> with the same index adds this value back.
/// </summary>
internal sealed record ShortcutStep(int Index, string Comment) : ForwardStep;
