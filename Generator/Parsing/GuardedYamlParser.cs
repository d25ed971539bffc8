using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// Hands YamlDotNet's event stream to its document loader and stops it where loading would recurse without bound.
/// YamlDotNet's scanner and parser are iterative, but its loader (<c>YamlStream.Load</c>) recurses once per nested
/// mapping or list, and it hashes every key: 20,000 nested flow mappings overflow the compiler's stack, and so does a
/// key that is a list containing an alias to itself (<c>? &amp;a [*a]</c>). This parser throws
/// <see cref="RejectedException"/> on the event that would go one level past <see cref="SpecLimits.MaxDepth"/>, on a
/// key that is not a plain value, and on an alias to a mapping or list it is inside of — before the loader sees it.
/// </summary>
internal sealed class GuardedYamlParser : IParser
{
    private readonly IParser inner;
    private readonly Stack<(bool Mapping, bool ExpectKey, string? Anchor)> open = new();
    private readonly Dictionary<string, int> openAnchors = new(System.StringComparer.Ordinal);

    public GuardedYamlParser(IParser inner) => this.inner = inner;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        ParsingEvent? current = inner.Current;
        if (current is NodeEvent or AnchorAlias)
        {
            // Inside a mapping, nodes alternate key, value; a key must be a scalar (YamlDotNet hashes keys recursively).
            if (open.Count > 0 && open.Peek().Mapping)
            {
                (bool mapping, bool expectKey, string? anchor) = open.Pop();
                open.Push((mapping, !expectKey, anchor));
                if (expectKey && current is not Scalar)
                {
                    throw new RejectedException(current.Start, Rejection.ComplexKey);
                }
            }

            if (current is AnchorAlias alias && openAnchors.ContainsKey(alias.Value.Value))
            {
                throw new RejectedException(current.Start, Rejection.Cycle);
            }

            if (current is MappingStart or SequenceStart)
            {
                if (open.Count + 1 > SpecLimits.MaxDepth)
                {
                    throw new RejectedException(current.Start, Rejection.TooDeep);
                }

                AnchorName anchorName = ((NodeEvent)current).Anchor;
                string? name = anchorName.IsEmpty ? null : anchorName.Value;
                open.Push((current is MappingStart, true, name));
                if (name is not null)
                {
                    openAnchors[name] = openAnchors.TryGetValue(name, out int n) ? n + 1 : 1;
                }
            }
        }
        else if (current is MappingEnd or SequenceEnd && open.Count > 0)
        {
            string? closed = open.Pop().Anchor;
            if (closed is not null && --openAnchors[closed] == 0)
            {
                openAnchors.Remove(closed);
            }
        }

        return true;
    }

    /// <summary>Why a spec's YAML was not loaded.</summary>
    internal enum Rejection
    {
        /// <summary>Nested deeper than <see cref="SpecLimits.MaxDepth"/>.</summary>
        TooDeep,

        /// <summary>A key that is a mapping, a list or an alias.</summary>
        ComplexKey,

        /// <summary>An alias to a mapping or list that contains it.</summary>
        Cycle,
    }

    /// <summary>The spec's YAML is rejected; <see cref="At"/> is the node that would have been loaded next.</summary>
    internal sealed class RejectedException : System.Exception
    {
        public RejectedException(Mark at, Rejection reason)
            : base(reason.ToString())
        {
            At = at;
            Reason = reason;
        }

        public Mark At { get; }

        public Rejection Reason { get; }
    }
}
