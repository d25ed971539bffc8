using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using QuickDrawDsl.Generator.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace QuickDrawDsl.Generator.Tests.Docs;

/// <summary>docs/spec-reference.md split into its sections, docs/schema/model.schema.json, and the example specs.</summary>
internal static class DocFiles
{
    public static string ReferencePath => Path.Combine(RepoFiles.Root(), "docs", "spec-reference.md");

    public static string SchemaPath => Path.Combine(RepoFiles.Root(), "docs", "schema", "model.schema.json");

    public static string Reference => File.ReadAllText(ReferencePath).Replace("\r\n", "\n", StringComparison.Ordinal);

    public static JsonElement Schema
    {
        get
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
            return document.RootElement.Clone();
        }
    }

    public static string[] ExampleSpecs => Directory.GetFiles(Path.Combine(RepoFiles.Root(), "Examples"), "*.model.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The text under each <c>## </c> and <c>### </c> heading, up to the next such heading, by heading text; the text before the first heading is under the empty string.</summary>
    public static IReadOnlyDictionary<string, string> Sections()
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string heading = string.Empty;
        var body = new List<string>();
        bool inCode = false;
        foreach (string line in Reference.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            if (!inCode && (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal)))
            {
                Add();
                heading = line.TrimStart('#').Trim();
                body.Clear();
                continue;
            }

            body.Add(line);
        }

        Add();
        return sections;

        void Add() => sections.Add(heading, string.Join('\n', body));
    }

    /// <summary>The contents of the <c>```yaml</c> blocks of a piece of markdown.</summary>
    public static IReadOnlyList<string> YamlBlocks(string markdown) =>
        Regex.Matches(markdown, "^```yaml\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToArray();

    public static YamlNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
