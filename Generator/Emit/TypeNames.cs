namespace QuickDrawDsl.Generator.Emit;

/// <summary>
/// Everything generated code refers to outside itself, fully qualified from <c>global::</c>. A type the spec names
/// (a model called <c>Tensor</c>), a user type in the same namespace, or a namespace called <c>nn</c> would otherwise
/// capture the simple names a <c>using</c> brings in.
/// </summary>
internal static class TypeNames
{
    public const string Torch = "global::TorchSharp.torch";

    public const string Tensor = Torch + ".Tensor";

    public const string Device = Torch + ".Device";

    public const string Nn = Torch + ".nn";

    public const string Functional = Nn + ".functional";

    public const string Module = Nn + ".Module<" + Tensor + ", " + Tensor + ">";

    public const string Modules = "global::TorchSharp.Modules";

    public const string ComponentName = "global::TorchSharp.Utils.ComponentName";

    public const string Models = "global::QuickDrawDsl.Runtime.Models";

    public const string IGeneratedModel = Models + ".IGeneratedModel";

    public const string ISequenceModel = Models + ".ISequenceModel";

    public const string ITeacherForcedModel = Models + ".ITeacherForcedModel";

    public const string ModelInfo = Models + ".ModelInfo";

    public const string LayerInfo = Models + ".LayerInfo";

    public const string SequenceOps = Models + ".SequenceOps";

    public const string RecurrentOps = Models + ".RecurrentOps";

    public const string TorchNative = "global::QuickDrawDsl.Runtime.Native.TorchNative";

    public const string Export = "global::QuickDrawDsl.Runtime.Export";

    public const string OnnxGraphBuilder = Export + ".OnnxGraphBuilder";

    public const string OnnxValue = Export + ".OnnxValue";

    public const string OnnxDim = Export + ".OnnxDim";

    public const string OnnxElementType = Export + ".OnnxElementType";

    public const string OnnxMetadataKeys = Export + ".OnnxMetadataKeys";

    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";

    public const string ArgumentNullException = "global::System.ArgumentNullException";

    public const string ArgumentOutOfRangeException = "global::System.ArgumentOutOfRangeException";

    public const string Array = "global::System.Array";

    public const string List = "global::System.Collections.Generic.List";
}
