namespace QuickDrawDsl.Testing;

/// <summary>One text to approve: it is compared with <c>{Name}.verified.{Extension}</c>.</summary>
/// <param name="Name">File name stem, e.g. <c>ModelTests.Tiny#Tiny.architecture</c>.</param>
/// <param name="Extension">File extension without the dot, e.g. <c>txt</c> or <c>cs</c>.</param>
/// <param name="Text">The received text; line endings are normalised to <c>\n</c> before it is compared or written.</param>
public sealed record SnapshotFile(string Name, string Extension, string Text);
