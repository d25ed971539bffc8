using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>Reads a <c>[Model]</c>-annotated partial class into the same spec its YAML equivalent gives.</summary>
internal static class AttributeSpecReader
{
    public const string ModelAttributeName = "QuickDrawDsl.ModelAttribute";
    private const string Namespace = "QuickDrawDsl.";
    private static readonly string[] Kinds = ["sequential", "seq2vec", "seq2seq", "vec2seq"];

    public static AttributeSpec Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        string sourcePath = declaration.SyntaxTree.FilePath;
        string synthetic = sourcePath + "#" + type.Name;
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());

        string? problem = !declaration.Modifiers.Any(SyntaxKind.PartialKeyword) ? "add the 'partial' modifier"
            : type.ContainingType is not null ? "move it out of '" + type.ContainingType.Name + "'"
            : type.IsGenericType ? "remove its type parameters"
            : null;
        if (problem is not null)
        {
            var error = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelClass, classLocation, type.Name, problem);
            return new AttributeSpec(new Result<ModelSpec>(null, new EquatableArray<DiagnosticInfo>([error])), synthetic, sourcePath, EquatableArray<LocationInfo>.Empty, classLocation);
        }

        var lines = new List<(string Text, LocationInfo? Location)>();
        AttributeData? model = null;
        var layers = new List<AttributeData>();
        var head = new List<AttributeData>();
        var options = new List<AttributeData>();
        AttributeData? input = null, output = null, labels = null, decoder = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case ModelAttributeName: model = attribute; break;
                case Namespace + "ModelInputAttribute": input = attribute; break;
                case Namespace + "ModelOutputAttribute": output = attribute; break;
                case Namespace + "ModelLabelsAttribute": labels = attribute; break;
                case Namespace + "ModelOptionAttribute": options.Add(attribute); break;
                case Namespace + "LayerAttribute": layers.Add(attribute); break;
                case Namespace + "DecoderAttribute": decoder = attribute; break;
                case Namespace + "DecoderLayerAttribute": head.Add(attribute); break;
            }
        }

        LocationInfo? At(AttributeData? a) => LocationInfo.From(a?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? classLocation;

        lines.Add(("model: " + type.Name, classLocation));
        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        if (ns.Length > 0)
        {
            lines.Add(("namespace: " + ns, classLocation));
        }

        if (model is not null)
        {
            int kind = model.ConstructorArguments.Length > 0 && model.ConstructorArguments[0].Value is int k ? k : 0;
            lines.Add(("kind: " + (kind >= 0 && kind < Kinds.Length ? Kinds[kind] : "unknown"), At(model)));
            if (Named(model, "Description") is string description)
            {
                lines.Add(("description: " + Quote(description), At(model)));
            }
        }

        if (input is not null)
        {
            string dtype = Named(input, "DType") is string d ? ", dtype: " + Quote(d) : string.Empty;
            lines.Add(($"input: {{ name: {Quote(Arg(input, 0))}, shape: {Shape(input)}{dtype} }}", At(input)));
        }

        if (output is not null)
        {
            lines.Add(($"output: {{ name: {Quote(Arg(output, 0))}, shape: {Shape(output)} }}", At(output)));
        }

        if (labels is not null)
        {
            IEnumerable<string> names = labels.ConstructorArguments.Length > 0 && labels.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? labels.ConstructorArguments[0].Values.Select(v => Quote(v.Value as string ?? string.Empty))
                : [];
            lines.Add(("labels: [" + string.Join(", ", names) + "]", At(labels)));
        }

        if (options.Count > 0)
        {
            lines.Add(("options:", At(options[0])));
            foreach (AttributeData option in options)
            {
                object? value = option.ConstructorArguments.Length > 1 ? option.ConstructorArguments[1].Value : null;
                string literal = value switch
                {
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double f => Invariant.Literal(f),
                    _ => "~",
                };
                lines.Add(($"  {Arg(option, 0)}: {literal}", At(option)));
            }
        }

        lines.Add(("layers:", classLocation));
        foreach (AttributeData layer in layers)
        {
            lines.Add(($"  - {Arg(layer, 0)}: {{ {Arg(layer, 1)} }}", At(layer)));
        }

        if (decoder is not null)
        {
            lines.Add(($"decoder: {{ {Arg(decoder, 0)}, head: [", At(decoder)));
            foreach (AttributeData layer in head)
            {
                lines.Add(($"    {{ {Arg(layer, 0)}: {{ {Arg(layer, 1)} }} }},", At(layer)));
            }

            lines.Add(("  ] }", At(decoder)));
        }

        string text = string.Join("\n", lines.Select(l => l.Text)) + "\n";
        Result<ModelSpec> parsed = YamlSpecParser.Parse(synthetic, text, ns.Length > 0 ? ns : ModelGenerator.FallbackNamespace);
        LocationInfo fallback = classLocation ?? LocationInfo.FromYaml(sourcePath, 0, 1, 1, 0, 1, 1);
        var map = lines.Select(l => l.Location ?? fallback).ToEquatableArray();
        if (parsed.Value is { } spec)
        {
            string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            spec = spec with { SourceName = System.IO.Path.GetFileName(sourcePath), FromAttribute = true, Accessibility = accessibility, NameLocation = classLocation };
            parsed = parsed with { Value = spec };
        }

        return new AttributeSpec(parsed, synthetic, sourcePath, map, classLocation);
    }

    /// <summary>Moves diagnostics located in the synthesized YAML onto the attribute each line came from.</summary>
    public static EquatableArray<DiagnosticInfo> Relocate(EquatableArray<DiagnosticInfo> diagnostics, AttributeSpec spec) =>
        diagnostics.Select(d =>
        {
            if (d.Location is not { } location || location.FilePath != spec.SyntheticPath)
            {
                return d;
            }

            int line = location.LineSpan.Start.Line;
            LocationInfo? target = spec.LineMap.Count == 0 ? spec.ClassLocation : spec.LineMap[Math.Min(Math.Max(line, 0), spec.LineMap.Count - 1)];
            return d with { Location = target };
        }).ToEquatableArray();

    private static string Shape(AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length < 2 || attribute.ConstructorArguments[1].Kind != TypedConstantKind.Array)
        {
            return "[]";
        }

        IEnumerable<string> dims = attribute.ConstructorArguments[1].Values.Select(v => v.Value switch
        {
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            string s => Quote(s),
            null => "~",
            object o => Quote(Convert.ToString(o, CultureInfo.InvariantCulture) ?? string.Empty),
        });
        return "[" + string.Join(", ", dims) + "]";
    }

    private static string Arg(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string ?? string.Empty : string.Empty;

    private static object? Named(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value;
            }
        }

        return null;
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
