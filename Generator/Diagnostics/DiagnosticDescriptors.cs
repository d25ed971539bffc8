using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuickDrawDsl.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never renumber, only add (and record in
/// AnalyzerReleases.Unshipped.md). QD00xx: the spec's syntax and fields; QD01xx: shapes and architecture;
/// QD09xx: the generator itself.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string SpecCategory = "QuickDrawDsl.Spec";
    private const string ShapeCategory = "QuickDrawDsl.Shape";

    public static readonly DiagnosticDescriptor YamlSyntax = Error("QD0001", "YAML syntax error", "YAML syntax error: {0}", SpecCategory);

    public static readonly DiagnosticDescriptor UnknownKey = Error("QD0002", "Unknown key", "Unknown key '{0}' in {1}{2}", SpecCategory);

    public static readonly DiagnosticDescriptor MissingField = Error("QD0003", "Missing required field", "{0} is missing required field '{1}': {2}", SpecCategory);

    public static readonly DiagnosticDescriptor WrongType = Error("QD0004", "Wrong value type", "'{0}' must be {1}, but is {2}", SpecCategory);

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error("QD0005", "Invalid identifier", "'{0}' is not a valid C# {1}: {2}", SpecCategory);

    public static readonly DiagnosticDescriptor DuplicateModel = Error("QD0006", "Duplicate model name", "Model '{0}' is declared more than once in namespace '{1}' (also in {2}); rename one of them", SpecCategory);

    public static readonly DiagnosticDescriptor DuplicateLayerName = Error("QD0007", "Duplicate layer name", "Layer name '{0}' is used twice; layer names become fields and must be unique", SpecCategory);

    public static readonly DiagnosticDescriptor InvalidValue = Error("QD0008", "Invalid value", "'{0}' has invalid value '{1}': {2}", SpecCategory);

    public static readonly DiagnosticDescriptor MalformedLayer = Error("QD0009", "Malformed layer entry", "A layer entry must be a mapping with one layer type, e.g. '- dense: {{ units: 10 }}': {0}", SpecCategory);

    public static readonly DiagnosticDescriptor UnknownLayer = Error("QD0010", "Unknown layer type", "Unknown layer type '{0}'{1}", SpecCategory);

    public static readonly DiagnosticDescriptor UnknownOption = Error("QD0011", "Unknown option reference", "'{0}' refers to option '{1}', which is not declared under 'options:'{2}", SpecCategory);

    public static readonly DiagnosticDescriptor EmptyLayers = Error("QD0012", "No layers", "Model '{0}' has no layers; add at least one under 'layers:'", SpecCategory);

    public static readonly DiagnosticDescriptor InvalidModelClass = Error("QD0013", "Invalid model class", "[Model] class '{0}' must be a top-level, non-generic partial class: {1}", SpecCategory);

    public static readonly DiagnosticDescriptor LimitExceeded = Error("QD0014", "Spec too large", "{0} exceeds the limit of {1}; {2}", SpecCategory);

    public static readonly DiagnosticDescriptor NameCollision = Error("QD0015", "Name collision", "{0} and {1} both become {2}; rename {3}", SpecCategory);

    public static readonly DiagnosticDescriptor InvalidCharacter = Error("QD0016", "Invalid character", "{0}: {1}", SpecCategory);

    public static readonly DiagnosticDescriptor InvalidAttributeArgument = Error("QD0017", "Invalid attribute argument", "{0} must be {1}: {2}", SpecCategory);

    public static readonly DiagnosticDescriptor SettingDoesNotApply = Error("QD0018", "Setting does not apply", "'{0}' {1}", SpecCategory);

    public static readonly DiagnosticDescriptor SettingConflictsWithModel = Error("QD0019", "Setting conflicts with the model", "{0}, but {1}; {2}", SpecCategory);

    public static readonly DiagnosticDescriptor NoModelForCommandLine = Error("QD0020", "No model for the command line", "<QdGenerateCommandLine>true</QdGenerateCommandLine> is set but the project declares no model; add a spec named *.model.yaml (the generator reads only those) or a [Model] class, or remove the property", SpecCategory);

    public static readonly DiagnosticDescriptor DenseOnSequence = Error("QD0101", "Dense on a sequence", "Layer '{0}' ({1}) gets a sequence {2}; it needs a vector. Wrap it in 'time_distributed' for a per-step output, or reduce the sequence first ('flatten', 'global_avgpool', or a recurrent layer with return_sequences: false)", ShapeCategory);

    public static readonly DiagnosticDescriptor KernelTooLarge = Error("QD0102", "Kernel larger than input", "Layer '{0}': kernel {1} is larger than the input length {2} on axis '{3}'; use a smaller kernel or padding: same", ShapeCategory);

    public static readonly DiagnosticDescriptor RecurrentNeedsSequence = Error("QD0103", "Recurrent layer needs a sequence", "Layer '{0}' ({1}) needs a sequence [time, features] but gets {2}{3}", ShapeCategory);

    public static readonly DiagnosticDescriptor Seq2VecOutput = Error("QD0104", "seq2vec must end in a vector", "A seq2vec model must output a vector, but the last layer outputs {0}{1}", ShapeCategory);

    public static readonly DiagnosticDescriptor MissingOutputLength = Error("QD0105", "vec2seq without an output length", "Model '{0}' is vec2seq but no output length is known; give output.shape a fixed first dimension (e.g. [7, 1]), repeat_vector.n, or decoder.steps", ShapeCategory);

    public static readonly DiagnosticDescriptor OutputMismatch = Error("QD0106", "Declared output does not match", "The layers produce {0} but output.shape declares {1}; change output.shape or the last layer", ShapeCategory);

    public static readonly DiagnosticDescriptor WrongRank = Error("QD0107", "Layer does not accept this input", "Layer '{0}' ({1}) expects {2} but gets {3}", ShapeCategory);

    public static readonly DiagnosticDescriptor FlattenDynamic = Error("QD0108", "Cannot flatten a dynamic axis", "Layer '{0}' would flatten {1}, whose '{2}' axis has no fixed size; use 'global_avgpool'/'global_maxpool' or a recurrent layer with return_sequences: false", ShapeCategory);

    public static readonly DiagnosticDescriptor DecoderState = Error("QD0109", "Decoder state does not match", "The decoder's {0} needs an initial state of {1} features but the encoder layers output {2}; {3}", ShapeCategory);

    public static readonly DiagnosticDescriptor KindMismatch = Error("QD0110", "Kind does not match the shapes", "A {0} model {1}", ShapeCategory);

    public static readonly DiagnosticDescriptor ReturnSequencesConflict = Error("QD0111", "return_sequences conflicts with the model kind", "Layer '{0}': {1}", ShapeCategory);

    public static readonly DiagnosticDescriptor SizeOutOfRange = Error("QD0112", "Size out of range", "{0}: {1} is beyond {2}, the largest size libtorch accepts; use smaller sizes", ShapeCategory);

    public static readonly DiagnosticDescriptor HeadsDoNotDivide = Error("QD0113", "Attention heads do not divide the features", "Layer '{0}' (attention) cannot split {1} features into {2} heads; use a number of heads that divides {1} (e.g. {3}), or change the features with a 'time_distributed' dense before it", ShapeCategory);
    public static readonly DiagnosticDescriptor ResidualShape = Error("QD0114", "Residual block changes the shape", "Residual block '{0}': layer '{1}' ({2}) changes {3} from {4} to {5}; {6}", ShapeCategory);

    public static readonly DiagnosticDescriptor InternalError = Error("QD0900", "Generator error", "QuickDrawDsl could not process this spec ({0}); please report it with the spec attached", "QuickDrawDsl.Generator");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> Catalog => All.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: "https://github.com/quickdrawdsl/quickdrawdsl/blob/main/docs/spec-reference.md#" + id.ToLowerInvariant());
}
