using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace QuickDrawDsl.Runtime.Tests.Data.Layout;

/// <summary>
/// Which namespaces of an assembly use which, read from the compiled code: every type's base type, interfaces,
/// fields, properties, events, method signatures, attributes, and every type, method and field a method body's IL
/// names (so a dependency inside a lambda, an iterator or a local function counts, like one in a signature).
/// Compiler-generated nested types count for the namespace of the type that holds them.
/// </summary>
internal static class NamespaceDependencies
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // Operand sizes by opcode, from System.Reflection.Emit's own table (two-byte opcodes start with 0xFE).
    private static readonly Dictionary<short, OpCode> OpCodeByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>
    /// The edges between namespaces that start with <paramref name="prefix"/>: from a namespace to those its types
    /// use, each with one example ("Type uses Other") for messages.
    /// </summary>
    public static Dictionary<(string From, string To), string> Between(Assembly assembly, string prefix)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (Type type in assembly.GetTypes())
        {
            string? from = type.Namespace;
            if (from is null || !InScope(from, prefix))
            {
                continue;
            }

            foreach (Type used in Used(type).SelectMany(Flatten))
            {
                string? to = used.Namespace;
                if (to is not null && to != from && InScope(to, prefix))
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges;
    }

    /// <summary>The namespaces on a cycle of <paramref name="edges"/>, one list per strongly connected component.</summary>
    public static List<List<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        Dictionary<string, List<string>> next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        string[] nodes = [.. next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal)];
        var reach = nodes.ToDictionary(n => n, n => Reachable(n, next));
        return nodes
            .Select(n => nodes.Where(m => m == n ? reach[n].Contains(n) : reach[n].Contains(m) && reach[m].Contains(n)).ToList())
            .Where(c => c.Count > 1)
            .DistinctBy(c => string.Join(" ", c))
            .ToList();
    }

    private static bool InScope(string name, string prefix) => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static HashSet<string> Reachable(string start, Dictionary<string, List<string>> next)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>(next.GetValueOrDefault(start) ?? []);
        while (stack.TryPop(out string? n))
        {
            if (seen.Add(n))
            {
                foreach (string m in next.GetValueOrDefault(n) ?? [])
                {
                    stack.Push(m);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<Type> Used(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (Type i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (CustomAttributeData a in type.GetCustomAttributesData())
        {
            yield return a.AttributeType;
        }

        foreach (FieldInfo f in type.GetFields(Declared))
        {
            yield return f.FieldType;
        }

        foreach (PropertyInfo p in type.GetProperties(Declared))
        {
            yield return p.PropertyType;
        }

        foreach (EventInfo e in type.GetEvents(Declared))
        {
            yield return e.EventHandlerType!;
        }

        foreach (MethodBase m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo method)
            {
                yield return method.ReturnType;
            }

            foreach (ParameterInfo p in m.GetParameters())
            {
                yield return p.ParameterType;
            }

            foreach (Type t in InBody(m))
            {
                yield return t;
            }
        }
    }

    // The types a method body's IL names: the operands of call, newobj, ldfld, castclass, ldtoken and the like.
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (Type t in method.GetMethodBody()!.LocalVariables.Select(l => l.LocalType))
        {
            yield return t;
        }

        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            OpCode op = OpCodeByValue[value];
            at += op.Size;
            int operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                if (member is Type t)
                {
                    yield return t;
                }
                else
                {
                    yield return member.DeclaringType!;
                    if (member is FieldInfo f)
                    {
                        yield return f.FieldType;
                    }
                    else if (member is MethodInfo m)
                    {
                        yield return m.ReturnType;
                        foreach (Type a in m.IsGenericMethod ? m.GetGenericArguments() : [])
                        {
                            yield return a;
                        }
                    }
                }
            }

            at += operand;
        }
    }

    // List<Drawing> uses Drawing; Drawing[] and ref Drawing too; a nested type counts for the type that holds it.
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (Type t in Flatten(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        Type outer = type;
        while (outer.DeclaringType is { } declaring)
        {
            outer = declaring;
        }

        yield return outer;
        if (type.IsConstructedGenericType)
        {
            foreach (Type t in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return t;
            }
        }
    }
}
