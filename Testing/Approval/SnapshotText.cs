namespace QuickDrawDsl.Testing.Approval;

/// <summary>The one text form snapshots are compared and written in: <c>\n</c> line endings, no byte-order mark.</summary>
internal static class SnapshotText
{
    public static string Normalize(string text)
    {
        string withoutBom = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        return withoutBom.Replace("\r\n", "\n").Replace('\r', '\n');
    }
}
