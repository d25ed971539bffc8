using System;
using Microsoft.CodeAnalysis;
using QuickDrawDsl.Generator.Diagnostics;
using QuickDrawDsl.Generator.Helpers;
using QuickDrawDsl.Generator.Model;

namespace QuickDrawDsl.Generator.Emit;

/// <summary>The generator's outputs: one module and one options record per valid model, and every diagnostic.</summary>
internal static class SourceOutput
{
    public static void Emit(SourceProductionContext context, ModelResult model)
    {
        foreach (DiagnosticInfo diagnostic in model.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (model.Plan is not { } plan)
        {
            return;
        }

        string hint = plan.Spec.Namespace + "." + plan.Spec.Name;
        string module;
        string options;
        try
        {
            module = ModuleEmitter.EmitModule(plan);
            options = ModuleEmitter.EmitOptions(plan);
        }
        catch (Exception ex)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, plan.Spec.NameLocation, ex.GetType().Name + ": " + ex.Message).ToDiagnostic());
            return;
        }

        context.AddSource(hint + ".g.cs", module);
        context.AddSource(hint + "Options.g.cs", options);
    }

    public static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
