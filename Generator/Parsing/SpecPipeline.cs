using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Shapes;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>The work of each pipeline step, kept out of <see cref="ModelGenerator.Initialize"/>. No step ever throws.</summary>
internal static class SpecPipeline
{
    public static Result<ModelSpec> ParseYaml(AdditionalText file, string defaultNamespace, CancellationToken cancellationToken)
    {
        try
        {
            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
            {
                return Failed<ModelSpec>(file.Path, "the file could not be read");
            }

            return YamlSpecParser.Parse(file.Path, text.ToString(), defaultNamespace);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Failed<ModelSpec>(file.Path, ex.GetType().Name + ": " + ex.Message);
        }
    }

    public static ModelResult Infer(Result<ModelSpec> parsed, string sourcePath)
    {
        if (parsed.Value is not { } spec)
        {
            return new ModelResult(null, null, sourcePath, null, null, parsed.Diagnostics);
        }

        try
        {
            Result<ModelPlan> inferred = ShapeInference.Infer(spec);
            var diagnostics = parsed.Diagnostics.Concat(inferred.Diagnostics).ToEquatableArray();
            return new ModelResult(spec.Name, spec.Namespace, sourcePath, spec.NameLocation, inferred.Value, diagnostics);
        }
        catch (Exception ex)
        {
            DiagnosticInfo error = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, spec.NameLocation, ex.GetType().Name + ": " + ex.Message);
            return new ModelResult(spec.Name, spec.Namespace, sourcePath, spec.NameLocation, null, parsed.Diagnostics.Append(error).ToEquatableArray());
        }
    }

    public static AttributeSpec ReadAttributes(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return AttributeSpecReader.Read(context, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            LocationInfo? at = LocationInfo.From(context.TargetNode.GetLocation());
            DiagnosticInfo error = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, at, ex.GetType().Name + ": " + ex.Message);
            string path = context.TargetNode.SyntaxTree.FilePath;
            return new AttributeSpec(new Result<ModelSpec>(null, new EquatableArray<DiagnosticInfo>([error])), path, path, EquatableArray<LocationInfo>.Empty, at);
        }
    }

    public static ModelResult InferAttributes(AttributeSpec spec)
    {
        ModelResult result = Infer(spec.Parsed, spec.SyntheticPath);
        return result with { Diagnostics = AttributeSpecReader.Relocate(result.Diagnostics, spec) };
    }

    public static DuplicateModels FindDuplicates(ImmutableArray<ModelResult> models)
    {
        var result = new System.Collections.Generic.List<DiagnosticInfo>();
        var skipped = new System.Collections.Generic.List<string>();
        foreach (IGrouping<string, ModelResult> group in models
            .Where(m => m.Name is not null)
            .GroupBy(m => m.Namespace + "." + m.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1))
        {
            ModelResult[] ordered = group.OrderBy(m => m.SourcePath, StringComparer.Ordinal).ToArray();
            for (int i = 1; i < ordered.Length; i++)
            {
                result.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, ordered[i].NameLocation, ordered[i].Name, ordered[i].Namespace, System.IO.Path.GetFileName(ordered[0].SourcePath)));
                skipped.Add(ordered[i].SourcePath);
            }
        }

        return new DuplicateModels(skipped.ToEquatableArray(), result.ToEquatableArray());
    }

    private static Result<T> Failed<T>(string path, string reason)
        where T : class =>
        new(null, new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.FromYaml(path, 0, 1, 1, 0, 1, 1), reason)]));
}
