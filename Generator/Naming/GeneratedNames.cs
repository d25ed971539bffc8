namespace QuickDrawDsl.Generator.Naming;

/// <summary>
/// The names of everything the generator declares, built so that none can equal a name the spec supplies or one
/// the module inherits from TorchSharp. User names never contain <c>__</c> (<see cref="Identifiers"/>); C# reserves
/// such names for generated code, so libraries do not use them either. The generator's own private members end in
/// <c>__</c> (<c>Encode__</c>), its layer fields start with it (<c>__conv1d_0</c>, registered under the layer's own
/// name so state dicts read <c>conv1d_0.weight</c>), and its locals are drawn from a <see cref="LocalScope"/> in
/// which every user name of the method is reserved first. The public surface is fixed and documented: the members
/// in <see cref="Identifiers.ModuleMembers"/>, the parameter <see cref="Lengths"/>, and the options record
/// <c>{Model}Options</c> whose properties are checked by <see cref="NameCollisions"/>.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The second parameter of <c>forward(x, lengths)</c> and the last of <c>forward_teacher_forced</c>.</summary>
    public const string Lengths = "lengths";

    /// <summary>The state-dict name of the decoder's recurrent module (a layer cannot be named so when there is a decoder).</summary>
    public const string DecoderComponent = "decoder";

    /// <summary>The field holding a layer's submodule.</summary>
    public static string Field(string layerName) => "__" + layerName;

    /// <summary>A private member the generator adds to the module (<c>Encode__</c>, <c>SummaryText__</c>).</summary>
    public static string Private(string name) => name + "__";

    /// <summary>The options record of a model.</summary>
    public static string OptionsRecord(string model) => model + "Options";

    /// <summary>The property of option <paramref name="option"/>: <c>hidden_size</c> → <c>HiddenSize</c>.</summary>
    public static string OptionProperty(string option) => Identifiers.ToPascal(option);

    /// <summary>The property of a rate the spec gives as a literal: <c>dropout_0</c> → <c>Dropout0Rate</c>, an LSTM's <c>lstm_0</c> → <c>Lstm0Dropout</c>.</summary>
    public static string RateProperty(string layerName, bool dropoutLayer) => Identifiers.ToPascal(layerName) + (dropoutLayer ? "Rate" : "Dropout");

    /// <summary>
    /// Members every record has (its synthesized members and <see cref="object"/>'s), which no options property may
    /// take: a property named <c>ToString</c>, <c>EqualityContract</c> or <c>Clone</c> does not compile, one named <c>GetType</c> hides.
    /// </summary>
    public static readonly string[] RecordMembers =
    [
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "Clone", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    ];
}
