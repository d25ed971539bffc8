using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace QuickDrawDsl.Generator.Parsing;

/// <summary>
/// Hands YamlDotNet's event stream to its document loader and stops it at <see cref="SpecLimits.MaxDepth"/>.
/// YamlDotNet's scanner and parser are iterative, but its loader (<c>YamlStream.Load</c>) recurses once per nested
/// mapping or list: 20,000 nested flow mappings overflow the compiler's stack and kill <c>csc</c>. This parser
/// throws <see cref="TooDeepException"/> on the event that would go one level too deep, before the loader sees it.
/// </summary>
internal sealed class DepthLimitedParser : IParser
{
    private readonly IParser inner;
    private int depth;

    public DepthLimitedParser(IParser inner) => this.inner = inner;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        ParsingEvent? current = inner.Current;
        if (current is MappingStart or SequenceStart)
        {
            if (++depth > SpecLimits.MaxDepth)
            {
                throw new TooDeepException(current.Start);
            }
        }
        else if (current is MappingEnd or SequenceEnd)
        {
            depth--;
        }

        return true;
    }

    /// <summary>The spec nests deeper than <see cref="SpecLimits.MaxDepth"/>; <see cref="At"/> is where the level too many opens.</summary>
    internal sealed class TooDeepException : System.Exception
    {
        public TooDeepException(Mark at)
            : base("nested too deep") => At = at;

        public Mark At { get; }
    }
}
