using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Docs;

/// <summary>docs/spec-reference.md documents every layer, parameter and diagnostic, and its examples do what it says.</summary>
public sealed class SpecReferenceTests
{
    /// <summary>IDs no YAML spec can trigger: attribute specs only (QD0013, QD0017), a project without specs (QD0020) or a generator failure (QD0900). Their sections say so.</summary>
    private static readonly string[] Untriggerable = ["QD0013", "QD0017", "QD0020", "QD0900"];

    public static TheoryData<string> DiagnosticIds => new(DiagnosticDescriptors.Catalog.Select(d => d.Id));

    public static TheoryData<string> LayerTypes => new(LayerCatalog.Types);

    [Theory]
    [MemberData(nameof(LayerTypes))]
    public void EveryLayerTypeHasASectionWithEveryParameterItsDefaultAndChoices(string type)
    {
        IReadOnlyDictionary<string, string> sections = DocFiles.Sections();
        sections.ShouldContainKey(type, $"docs/spec-reference.md has no '### {type}' section");
        string section = sections[type];
        LayerDefinition definition = LayerCatalog.Find(type)!;
        foreach (ParamDefinition parameter in definition.Parameters)
        {
            string? row = section.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{parameter.Key}` |", StringComparison.Ordinal));
            row.ShouldNotBeNull($"'### {type}' has no table row for parameter '{parameter.Key}'");
            string[] cells = row.Split('|').Select(c => c.Trim()).ToArray();
            string typeCell = cells[2], defaultCell = cells[3], optionCell = cells[4];
            if (parameter.Required)
            {
                defaultCell.ShouldBe("**required**", $"{type}.{parameter.Key} is required");
            }
            else if (parameter.DefaultText is { } defaultText)
            {
                defaultCell.ShouldBe($"`{defaultText}`", $"{type}.{parameter.Key} defaults to {defaultText}");
            }

            foreach (string choice in parameter.Choices)
            {
                typeCell.ShouldContain($"`{choice}`", Case.Sensitive, $"{type}.{parameter.Key} accepts {choice}");
            }

            optionCell.ShouldBe(parameter.AllowsOption ? "yes" : "no", $"{type}.{parameter.Key}: may it be a $option?");
        }

        string[] documented = section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToArray();
        documented.ShouldBe(definition.Parameters.Select(p => p.Key).ToArray(), ignoreOrder: true, $"'### {type}' documents other parameters than the catalog has");
    }

    [Fact]
    public void LayersSectionListsNoTypeTheCatalogLacks()
    {
        string reference = DocFiles.Reference;
        int start = reference.IndexOf("\n## Layers\n", StringComparison.Ordinal);
        int end = reference.IndexOf("\n## Diagnostics\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        end.ShouldBeGreaterThan(start);
        string[] headings = reference[start..end].Split('\n')
            .Where(l => l.StartsWith("### ", StringComparison.Ordinal))
            .Select(l => l[4..].Trim())
            .ToArray();
        headings.ShouldBe(LayerCatalog.Types.ToArray(), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void EveryDiagnosticHasASectionItsHelpLinkPointsAt(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        IReadOnlyDictionary<string, string> sections = DocFiles.Sections();
        sections.ShouldContainKey(id, $"docs/spec-reference.md has no '### {id}' heading");
        sections[id].ShouldContain($"**{descriptor.Title}.**", Case.Sensitive, $"the {id} section starts with its title");

        // GitHub's anchor of '### QD0001' is '#qd0001'.
        descriptor.HelpLinkUri.ShouldEndWith("/docs/spec-reference.md#" + id.ToLowerInvariant());
        DocFiles.Reference.ShouldContain($"| [{id}](#{id.ToLowerInvariant()}) | {descriptor.Title} |", Case.Sensitive, "the diagnostics index lists it");
    }

    [Fact]
    public void NoDiagnosticSectionDocumentsAnIdTheGeneratorLacks()
    {
        string[] documented = DocFiles.Sections().Keys.Where(k => k.StartsWith("QD", StringComparison.Ordinal)).ToArray();
        documented.ShouldBe(DiagnosticDescriptors.Catalog.Select(d => d.Id).ToArray(), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void EveryDiagnosticExampleTriggersItsId(string id)
    {
        IReadOnlyList<string> examples = DocFiles.YamlBlocks(DocFiles.Sections()[id]);
        if (Untriggerable.Contains(id))
        {
            examples.ShouldBeEmpty($"{id} is documented as not triggerable by a spec");
            return;
        }

        examples.ShouldNotBeEmpty($"the {id} section needs a ```yaml example that triggers it");
        GeneratorRun run = GeneratorRun.Of(examples.Select((text, i) => ($"/docs/Example{i}.model.yaml", text)).ToArray());
        run.Diagnostics.Select(d => d.Id).ShouldContain(id, string.Join('\n', run.Messages));
    }

    [Fact]
    public void EveryCompleteSpecOutsideTheDiagnosticsBuildsCleanlyAndMatchesTheSchema()
    {
        var validator = new SchemaValidator(DocFiles.Schema);
        string[] specs = DocFiles.Sections()
            .Where(s => !s.Key.StartsWith("QD", StringComparison.Ordinal))
            .SelectMany(s => DocFiles.YamlBlocks(s.Value))
            .Where(b => b.StartsWith("model:", StringComparison.Ordinal))
            .ToArray();
        specs.Length.ShouldBeGreaterThanOrEqualTo(2);
        foreach (string spec in specs)
        {
            GeneratorRun run = GeneratorRun.Of(("/docs/Example.model.yaml", spec));
            run.Diagnostics.ShouldBeEmpty(spec + "\n" + string.Join('\n', run.Messages));
            validator.Validate(DocFiles.LoadYaml(spec)).ShouldBeEmpty(spec);
        }
    }

    [Fact]
    public void EveryLinkWithinTheReferenceHasItsHeading()
    {
        // GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.
        HashSet<string> anchors = DocFiles.Sections().Keys
            .Select(h => new string(h.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);
        string[] links = System.Text.RegularExpressions.Regex.Matches(DocFiles.Reference, @"\]\(#([^)]+)\)")
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        links.ShouldNotBeEmpty();
        links.Where(l => !anchors.Contains(l)).ShouldBeEmpty("links to headings that do not exist");
    }
}
