using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>The generator's outputs: one module and one options record per valid model, its training and data records when the spec has those sections, a typed predictor for a labelled classifier (and, on request, a file that embeds both), and every diagnostic.</summary>
internal static class SourceOutput
{
    public static void Emit(SourceProductionContext context, ((ModelResult Model, DuplicateModels Duplicates) Model, bool EmbedSources) input)
    {
        ((ModelResult model, DuplicateModels duplicates), bool embedSources) = input;
        foreach (DiagnosticInfo diagnostic in model.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        // A second model of the same name would collide with the first one's files; QD0006 reports it instead.
        if (model.Plan is not { } plan || duplicates.SkippedPaths.Contains(model.SourcePath))
        {
            return;
        }

        string hint = (plan.Spec.Namespace.Length > 0 ? plan.Spec.Namespace + "." : string.Empty) + plan.Spec.Name;
        string module;
        string options;
        string? training;
        string? data;
        string? predictor;
        try
        {
            module = ModuleEmitter.EmitModule(plan);
            options = ModuleEmitter.EmitOptions(plan);
            training = plan.Spec.Training is { } t ? SectionEmitter.Emit(plan.Spec, t) : null;
            data = plan.Spec.Data is { } d ? SectionEmitter.Emit(plan.Spec, d) : null;
            predictor = PredictorEmitter.Applies(plan) ? PredictorEmitter.Emit(plan) : null;
        }
        catch (Exception ex)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, plan.Spec.NameLocation, ex.GetType().Name + ": " + ex.Message).ToDiagnostic());
            return;
        }

        context.AddSource(hint + ".g.cs", module);
        context.AddSource(hint + "Options.g.cs", options);
        if (training is not null)
        {
            context.AddSource(hint + "Training.g.cs", training);
        }

        if (data is not null)
        {
            context.AddSource(hint + "Data.g.cs", data);
        }

        if (predictor is not null)
        {
            context.AddSource(hint + "Predictor.g.cs", predictor);
        }

        if (embedSources)
        {
            context.AddSource(hint + ".Sources.g.cs", EmbeddedSources.Emit(hint + ".g.cs", module, hint + "Options.g.cs", options));
        }
    }

    public static void Report(SourceProductionContext context, DuplicateModels duplicates)
    {
        foreach (DiagnosticInfo diagnostic in duplicates.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
