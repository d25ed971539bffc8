using System.Collections.Generic;
using System.Linq;
using QuickDrawDsl.Generator.Tests.Infrastructure;

namespace QuickDrawDsl.Generator.Tests.Naming;

/// <summary>
/// Names from the spec never collide with what the generator declares: the names an independent run found
/// breaking the build (and their neighbours) in every place a name goes, each either compiling cleanly or giving
/// a located QD error, never a C# error.
/// </summary>
public sealed class GeneratedNameTests
{
    /// <summary>Names that broke the build before (input 'x', layer 'x', model 'Tensor', 'nn', 'var', 'Options'...), names the generated code uses, names TorchSharp's Module has, and keywords.</summary>
    private static readonly string[] Names =
    [
        "x", "lengths", "options", "device", "input", "target", "h", "onnx", "batch0", "forward", "Options", "Info", "Summary", "ParameterCount", "ToOnnx",
        "decoder", "Tensor", "nn", "var", "record", "train", "to", "Dispose", "Net", "NetOptions", "global", "nameof", "@class", "class",
    ];

    private static readonly string[] Places = ["model", "namespace", "input", "output", "layer", "option"];

    [Fact]
    public void EveryNameInEveryPlaceCompilesOrIsALocatedError()
    {
        (string Path, string Text)[] specs = Places
            .SelectMany((place, p) => Names.Select((name, n) => ($"/src/{place}/{n}/Net.model.yaml", Spec(place, name, $"S{p}x{n}"))))
            .ToArray();

        GeneratorRun run = GeneratorRun.Of([], trackSteps: false, specs);

        run.Result.Results.ShouldAllBe(r => r.Exception == null);
        run.Diagnostics.ShouldAllBe(d => d.Id.StartsWith("QD") && d.Id != "QD0900" && d.Location.GetLineSpan().Path.EndsWith("Net.model.yaml"), string.Join("\n", run.Messages));
        run.CompileProblems().ShouldBeEmpty();

        // Rejected: keywords everywhere, lowercase class names; accepted: everything else, including the generator's own names.
        var rejected = run.Diagnostics.Select(d => d.Location.GetLineSpan().Path.Split('/')).Select(p => (Place: p[2], Name: Names[int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)])).ToHashSet();
        foreach (string place in Places)
        {
            rejected.ShouldContain((place, "class"));
            rejected.ShouldContain((place, "@class"));
            rejected.ShouldNotContain((place, "Tensor"));
            if (place != "model")
            {
                rejected.ShouldNotContain((place, "Options"));
            }
        }

        foreach (string name in new[] { "x", "train", "forward", "h", "onnx", "device", "Info" })
        {
            rejected.ShouldNotContain(("layer", name));
            rejected.ShouldNotContain(("option", name));
            rejected.ShouldNotContain(("namespace", name));
        }

        // The decoder's own module is 'decoder' in the state dict, so a layer of a model with a decoder cannot take it.
        rejected.ShouldContain(("layer", "decoder"));
        rejected.ShouldNotContain(("option", "decoder"));

        rejected.ShouldContain(("input", "lengths"));
        rejected.ShouldNotContain(("input", "x"));
        rejected.ShouldNotContain(("input", "forward"));
        rejected.ShouldContain(("model", "Options"));
        rejected.ShouldContain(("model", "nn"));
        rejected.ShouldContain(("model", "var"));
    }

    [Fact]
    public void AnInputNamedXIsTheRunningValueItself()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\nkind: seq2vec\ninput: { name: x, shape: [time, 3] }\nlayers:\n  - lstm: { units: 8 }\n  - dense: { units: 2 }\n"));

        run.Diagnostics.ShouldBeEmpty();
        run.CompileProblems().ShouldBeEmpty();
        string module = run.Sources["QuickDrawDsl.Examples.Archetypes.Net.g.cs"];
        module.ShouldContain("forward(global::TorchSharp.torch.Tensor x, global::TorchSharp.torch.Tensor? lengths)");
        module.ShouldNotContain("var x = x;");
    }

    [Fact]
    public void LayersAreRegisteredUnderTheirOwnNames()
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", "model: Net\ninput: { name: a, shape: [4] }\nlayers:\n  - dense: { units: 3, name: x }\n  - dense: { units: 2, name: Options }\n"));

        run.Diagnostics.ShouldBeEmpty();
        byte[] assembly = CompiledModels.Compile(run);
        CompiledModels.Use(assembly, types =>
        {
            using var model = (TorchSharp.torch.nn.Module)System.Activator.CreateInstance(types.Single())!;
            model.named_parameters().Select(p => p.name).ShouldBe(["x.weight", "x.bias", "Options.weight", "Options.bias"]);
        });
    }

    public static TheoryData<string, string> Collisions => new()
    {
        { "model: nn\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(1,8): error QD0005: 'nn' is not a valid C# class name: a class name needs an upper-case letter, e.g. 'Nn'" },
        { "model: var\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(1,8): error QD0005: 'var' is not a valid C# class name: a class name needs an upper-case letter, e.g. 'Var'" },
        { "model: record\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(1,8): error QD0005: 'record' is not a valid C# class name: a class name needs an upper-case letter, e.g. 'Record'" },
        { "model: Options\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(1,8): error QD0005: 'Options' is not a valid C# class name: the generated module has a member named 'Options'; pick another name, e.g. 'OptionsModel'" },
        { "model: Net\ninput: { name: lengths, shape: [time, 3] }\nlayers: [ { gru: { units: 2 } } ]\n", "Net.model.yaml(2,16): error QD0015: input.name 'lengths' and the sequence lengths both become parameters of forward; rename the input, e.g. 'name: series'" },
        { "model: Net\noptions: { hidden: 4, Hidden: 8 }\ninput: { shape: [4] }\nlayers: [ { dense: { units: $hidden } } ]\n", "Net.model.yaml(2,31): error QD0015: Option 'hidden' and option 'Hidden' both become property 'Hidden' of NetOptions; rename one of them" },
        { "model: Net\noptions: { dropout0_rate: 0.1 }\ninput: { shape: [4] }\nlayers: [ { dropout: { rate: 0.2 } } ]\n", "Net.model.yaml(4,13): error QD0015: Option 'dropout0_rate' and the rate of layer 'dropout_0' both become property 'Dropout0Rate' of NetOptions; rename one of them" },
        { "model: Net\noptions: { to_string: 1 }\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(2,23): error QD0015: Option 'to_string' and the member 'ToString' every record has both become 'ToString' in NetOptions; rename option 'to_string'" },
        { "model: Net\noptions: { clone: 1 }\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(2,19): error QD0015: Option 'clone' and the member 'Clone' every record has both become 'Clone' in NetOptions; rename option 'clone'" },
        { "model: Net\nnamespace: App.global\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2 } } ]\n", "Net.model.yaml(2,12): error QD0005: 'App.global' is not a valid C# namespace: part 'global': 'global' is a C# contextual keyword; pick another name, e.g. 'global_1'" },
        { "model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2, name: a__b } } ]\n", "Net.model.yaml(3,38): error QD0005: 'a__b' is not a valid C# layer name: it contains '__', which C# reserves for generated code; use a single '_' (e.g. 'conv_in')" },
        { "model: Net\ninput: { shape: [4] }\nlayers: [ { dense: { units: 2, name: Über } } ]\n", "Net.model.yaml(3,38): error QD0005: 'Über' is not a valid C# layer name: start it with a letter (A-Z, a-z) (e.g. 'conv_in')" },
        { "model: Net\nkind: seq2seq\ninput: { name: a, shape: [time, 1] }\noutput: { name: a, shape: [3, 1] }\nlayers: [ { gru: { units: 2 } } ]\ndecoder: { cell: gru, units: 2, head: [ { dense: { units: 1 } } ] }\n", "Net.model.yaml(4,17): error QD0015: output.name 'a' and input.name 'a' both become parameters of forward_teacher_forced (the target and the input); rename one of them" },
        { "model: Net\nkind: seq2seq\ninput: { shape: [time, 1] }\noutput: { shape: [3, 1] }\nlayers: [ { gru: { units: 2, name: decoder } } ]\ndecoder: { cell: gru, units: 2, head: [ { dense: { units: 1 } } ] }\n", "Net.model.yaml(5,13): error QD0007: Layer name 'decoder' is used twice; layer names become fields and must be unique" },
    };

    [Theory]
    [MemberData(nameof(Collisions))]
    public void CollidingNamesAreLocatedErrors(string spec, string expected)
    {
        GeneratorRun run = GeneratorRun.Of(("/src/Net.model.yaml", spec));

        run.Sources.ShouldBeEmpty();
        run.Messages.ShouldContain(expected, spec);
    }

    [Fact]
    public void AModelNamedLikeAnotherModelsOptionsRecordIsALocatedError()
    {
        GeneratorRun run = GeneratorRun.Of(
            ("/src/A/Net.model.yaml", "model: Net\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n"),
            ("/src/B/NetOptions.model.yaml", "model: NetOptions\ninput: { shape: [4] }\nlayers:\n  - dense: { units: 2 }\n"));

        run.Messages.ShouldBe(["NetOptions.model.yaml(1,8): error QD0015: Model 'NetOptions' and the options record of model 'Net' (Net.model.yaml) both become type 'QuickDrawDsl.Examples.Archetypes.NetOptions'; rename one of the models"]);
        run.Sources.Keys.ShouldBe(["QuickDrawDsl.Examples.Archetypes.Net.g.cs", "QuickDrawDsl.Examples.Archetypes.NetOptions.g.cs"], ignoreOrder: true);
        run.CompileProblems().ShouldBeEmpty();
    }

    private static string Spec(string place, string name, string prefix)
    {
        string Quoted(string s) => "\"" + s + "\"";
        string model = place == "model" ? Quoted(name) : "Net";
        string ns = place == "namespace" ? prefix + "." + name : prefix;
        string input = place == "input" ? Quoted(name) : "series";
        string output = place == "output" ? Quoted(name) : "forecast";
        string layer = place == "layer" ? ", name: " + Quoted(name) : string.Empty;
        string option = place == "option" ? Quoted(name) : "hidden";
        var lines = new List<string>
        {
            "model: " + model,
            "namespace: " + Quoted(ns),
            "kind: seq2seq",
            $"options: {{ {option}: 4 }}",
            $"input: {{ name: {input}, shape: [time, 3] }}",
            $"output: {{ name: {output}, shape: [5, 1] }}",
            "layers:",
            $"  - lstm: {{ units: ${(place == "option" ? name : "hidden")}{layer} }}",
            "  - dropout: { rate: 0.1 }",
            "decoder: { cell: gru, units: 4, head: [ { dense: { units: 1 } } ] }",
        };
        return string.Join("\n", lines) + "\n";
    }
}
