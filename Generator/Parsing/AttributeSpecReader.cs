using System;
using System.Collections.Generic;
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
using QuickDrawDsl.Generator.Naming;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// Reads a <c>[Model]</c>-annotated partial class into the same spec its YAML equivalent gives. Each attribute
/// becomes one line of YAML; every string it contributes is a double-quoted YAML scalar (escaped), except the
/// parameter lists of <c>[Layer]</c>, <c>[DecoderLayer]</c> and <c>[Decoder]</c>, which must be the body of exactly
/// one flow mapping on one line (<see cref="FragmentProblem"/>), so no attribute string can add YAML structure.
/// </summary>
internal static class AttributeSpecReader
{
    public const string ModelAttributeName = "QuickDrawDsl.ModelAttribute";
    private const string Namespace = "QuickDrawDsl.";
    private static readonly string[] Kinds = ["sequential", "seq2vec", "seq2seq", "vec2seq"];

    /// <summary>The syntax the generator looks at: classes, and records so that a record gets QD0013 instead of nothing.</summary>
    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax or RecordDeclarationSyntax;

    public static AttributeSpec Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        string sourcePath = declaration.SyntaxTree.FilePath;
        string synthetic = sourcePath + "#" + type.Name;
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());

        if (ClassProblem(type, declaration) is { } problem)
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

        var fragmentErrors = new List<DiagnosticInfo>();
        string Fragment(AttributeData attribute, int index, string what)
        {
            string text = Arg(attribute, index);
            if (FragmentProblem(text) is { } problem)
            {
                fragmentErrors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeArgument, At(attribute), what, "'key: value' pairs separated by commas, on one line (e.g. \"units: 16, activation: relu\")", problem));
                return string.Empty;
            }

            return text;
        }

        // The class's own namespace, as C# spells it (the global namespace is empty); the spec has no 'namespace:' line.
        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        lines.Add(("model: " + Quote(type.Name), classLocation));

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
                lines.Add(($"  {Quote(Arg(option, 0))}: {literal}", At(option)));
            }
        }

        lines.Add(("layers:", classLocation));
        foreach (AttributeData layer in layers)
        {
            lines.Add(($"  - {Quote(Arg(layer, 0))}: {{ {Fragment(layer, 1, "The parameters of [Layer]")} }}", At(layer)));
        }

        if (decoder is not null)
        {
            string parameters = Fragment(decoder, 0, "The parameters of [Decoder]");
            lines.Add(($"decoder: {{ {parameters}{(parameters.Trim().Length > 0 ? ", " : string.Empty)}head: [", At(decoder)));
            foreach (AttributeData layer in head)
            {
                lines.Add(($"    {{ {Quote(Arg(layer, 0))}: {{ {Fragment(layer, 1, "The parameters of [DecoderLayer]")} }} }},", At(layer)));
            }

            lines.Add(("  ] }", At(decoder)));
        }

        if (fragmentErrors.Count > 0)
        {
            return new AttributeSpec(new Result<ModelSpec>(null, fragmentErrors.ToEquatableArray()), synthetic, sourcePath, EquatableArray<LocationInfo>.Empty, classLocation);
        }

        string text = string.Join("\n", lines.Select(l => l.Text)) + "\n";
        Result<ModelSpec> parsed = YamlSpecParser.Parse(synthetic, text, ns);
        LocationInfo fallback = classLocation ?? LocationInfo.FileStart(sourcePath);
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

    /// <summary>
    /// Why a parameter list cannot go between the braces of a YAML flow mapping on one line: a line break or control
    /// character, an anchor, alias or tag, or text that closes the mapping early or leaves it open. Null when it can.
    /// </summary>
    internal static string? FragmentProblem(string text)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return "it contains " + Identifiers.Describe(c);
            }
        }

        string mapping = "{ " + text + " }";
        var parser = new Parser(new Scanner(new System.IO.StringReader(mapping)));
        int depth = 0;
        bool closed = false;
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                if (closed && current is not (DocumentEnd or StreamEnd))
                {
                    return "it closes the mapping early ('}' before its end)";
                }

                switch (current)
                {
                    case AnchorAlias:
                        return "it contains an alias ('*')";
                    case NodeEvent node when !node.Anchor.IsEmpty || !node.Tag.IsEmpty:
                        return "it contains an anchor ('&') or a tag ('!')";
                    case MappingStart or SequenceStart:
                        depth++;
                        break;
                    case MappingEnd or SequenceEnd:
                        if (--depth == 0)
                        {
                            if (current.Start.Index != mapping.Length - 1)
                            {
                                return "it closes the mapping early ('}' before its end)";
                            }

                            closed = true;
                        }

                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            return "it is not valid YAML (" + ex.Message.Substring(ex.Message.IndexOf("): ", StringComparison.Ordinal) is int i and >= 0 ? i + 3 : 0) + ")";
        }

        return closed ? null : "it leaves a bracket or quote open";
    }

    /// <summary>Why a class cannot take the generated part; null when it can.</summary>
    private static string? ClassProblem(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (declaration is not ClassDeclarationSyntax)
        {
            return "declare it as a class, not a record";
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return "add the 'partial' modifier";
        }

        if (type.ContainingType is not null)
        {
            return "move it out of '" + type.ContainingType.Name + "'";
        }

        if (type.IsGenericType)
        {
            return "remove its type parameters";
        }

        if (type.IsStatic)
        {
            return "remove 'static'; a model is created with new";
        }

        if (type.IsFileLocal)
        {
            return "remove 'file'; the generated part is in another file";
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && baseType.ToDisplayString() != "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>")
        {
            return "remove its base class '" + baseType.ToDisplayString() + "'; the generated part derives from nn.Module<Tensor, Tensor>";
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared)
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor })
            {
                return "remove its constructor; the generated part declares the constructors (pass options instead)";
            }

            if (Array.IndexOf(Identifiers.ModuleMembers, member.Name) >= 0 || member.Name == GeneratedNames.OptionsRecord(type.Name))
            {
                return "rename its member '" + member.Name + "'; the generated part declares it";
            }
        }

        return null;
    }

    /// <summary>A YAML double-quoted scalar: every character that is not printable ASCII or a letter is an escape.</summary>
    private static string Quote(string text) =>
        TextEscaping.Append(new StringBuilder("\""), text, c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff' => TextEscaping.Unicode(c),
            _ => null,
        }).Append('"').ToString();
}
