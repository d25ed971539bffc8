using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;
using QuickDrawDsl.Generator.Naming;
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

    /// <summary>
    /// Every model declares the module and companion types in its namespace (<c>{Model}Options</c>, and with sections or
    /// labels <c>{Model}Training</c>, <c>{Model}Data</c>, <c>{Model}Predictor</c>); a model whose types are already taken
    /// by a model earlier in path order is not emitted and gets QD0006 (same model name) or QD0015 (a model named like
    /// another's companion type, which the message names), so the first keeps compiling.
    /// </summary>
    public static DuplicateModels FindDuplicates(ImmutableArray<ModelResult> models)
    {
        var result = new System.Collections.Generic.List<DiagnosticInfo>();
        var skipped = new System.Collections.Generic.List<string>();
        // Companion: null for the module itself, else what the type is ("options record", "training record", ...).
        var owners = new System.Collections.Generic.Dictionary<string, (ModelResult Model, string? Companion)>(StringComparer.Ordinal);
        foreach (ModelResult model in models.Where(m => m.Name is not null).OrderBy(m => m.SourcePath, StringComparer.Ordinal))
        {
            string prefix = model.Namespace!.Length > 0 ? model.Namespace + "." : string.Empty;
            (string Type, string? Companion)[] declared = [(prefix + model.Name, null), (prefix + GeneratedNames.OptionsRecord(model.Name!), "options record"),
                .. model.Plan is { } plan ? Emit.SectionEmitter.DeclaredTypes(plan).Select(t => (prefix + t, (string?)CompanionKind(model.Name!, t))) : []];
            (string Type, string? Companion) clash = declared.FirstOrDefault(d => owners.ContainsKey(d.Type));
            if (clash.Type is null)
            {
                foreach ((string type, string? companion) in declared)
                {
                    owners[type] = (model, companion);
                }

                continue;
            }

            (ModelResult first, string? firstCompanion) = owners[clash.Type];
            string firstFile = System.IO.Path.GetFileName(first.SourcePath);
            result.Add(clash.Companion is null && firstCompanion is null
                ? DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, model.NameLocation, model.Name, model.Namespace, firstFile)
                : DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, model.NameLocation,
                    clash.Companion is { } kind ? $"The {kind} of model '{model.Name}'" : $"Model '{model.Name}'",
                    firstCompanion is { } taken ? $"the {taken} of model '{first.Name}' ({firstFile})" : $"model '{first.Name}' ({firstFile})",
                    $"type '{clash.Type}'", "one of the models"));
            skipped.Add(model.SourcePath);
        }

        return new DuplicateModels(skipped.ToEquatableArray(), result.ToEquatableArray());
    }

    /// <summary>What a companion type of <see cref="Emit.SectionEmitter.DeclaredTypes(ModelPlan)"/> is, for QD0015's text.</summary>
    private static string CompanionKind(string model, string type) =>
        type == Emit.SectionEmitter.TrainingRecord(model) ? "training record"
        : type == Emit.SectionEmitter.DataRecord(model) ? "data record"
        : "typed predictor";

    private static Result<T> Failed<T>(string path, string reason)
        where T : class =>
        new(null, new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.FileStart(path), reason)]));
}
