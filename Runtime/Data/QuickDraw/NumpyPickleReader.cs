using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using QuickDrawDsl.Runtime.Data.Diagnostics;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>
/// A minimal, bounded unpickler for NumPy object arrays written with pickle protocols 0-2 (what
/// <c>np.save(..., allow_pickle=True)</c> wrote under Python 2). It knows only the opcodes such files use and only
/// the globals <c>numpy.core.multiarray._reconstruct</c>, <c>numpy.ndarray</c> and <c>numpy.dtype</c>; anything
/// else is refused. Nothing is executed: the result is a tree of <see cref="PickledArray"/>, tuples, lists and scalars.
/// </summary>
internal sealed class NumpyPickleReader
{
    private const int MaxStackDepth = 1 << 22;

    private readonly byte[] data;
    private readonly string source;
    private readonly List<object?> stack = [];
    private readonly List<int> marks = [];
    private readonly Dictionary<long, object?> memo = [];
    private int pos;

    public NumpyPickleReader(byte[] data, int offset, string source)
    {
        this.data = data;
        this.source = source;
        pos = offset;
    }

    public object? Load()
    {
        while (true)
        {
            int at = pos;
            byte op = ReadByte();
            switch (op)
            {
                case 0x80: // PROTO
                    byte version = ReadByte();
                    if (version > 2)
                    {
                        throw Error(at, string.Create(CultureInfo.InvariantCulture, $"pickle protocol {version} is not supported (0-2 are)"));
                    }

                    break;
                case (byte)'c': // GLOBAL
                    Push(ReadGlobal(at));
                    break;
                case (byte)'q': // BINPUT
                    memo[ReadByte()] = Peek(at);
                    break;
                case (byte)'r': // LONG_BINPUT
                    memo[ReadUInt32()] = Peek(at);
                    break;
                case (byte)'h': // BINGET
                    Push(Get(ReadByte(), at));
                    break;
                case (byte)'j': // LONG_BINGET
                    Push(Get(ReadUInt32(), at));
                    break;
                case (byte)'K': // BININT1
                    Push((long)ReadByte());
                    break;
                case (byte)'M': // BININT2
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2, at)));
                    break;
                case (byte)'J': // BININT
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4, at)));
                    break;
                case 0x8a: // LONG1
                    Push(ReadLong1(at));
                    break;
                case (byte)'U': // SHORT_BINSTRING
                case (byte)'C': // SHORT_BINBYTES
                    Push(Take(ReadByte(), at).ToArray());
                    break;
                case (byte)'T': // BINSTRING
                case (byte)'B': // BINBYTES
                    Push(Take(ReadLength(at), at).ToArray());
                    break;
                case (byte)'X': // BINUNICODE
                    Push(Encoding.UTF8.GetString(Take(ReadLength(at), at)));
                    break;
                case (byte)'N': // NONE
                    Push(null);
                    break;
                case 0x88: // NEWTRUE
                    Push(true);
                    break;
                case 0x89: // NEWFALSE
                    Push(false);
                    break;
                case (byte)')': // EMPTY_TUPLE
                    Push(Array.Empty<object?>());
                    break;
                case 0x85: // TUPLE1
                    Push(PopN(1, at));
                    break;
                case 0x86: // TUPLE2
                    Push(PopN(2, at));
                    break;
                case 0x87: // TUPLE3
                    Push(PopN(3, at));
                    break;
                case (byte)'(': // MARK
                    marks.Add(stack.Count);
                    break;
                case (byte)'t': // TUPLE
                    Push(PopToMark(at).ToArray());
                    break;
                case (byte)']': // EMPTY_LIST
                    Push(new List<object?>());
                    break;
                case (byte)'a': // APPEND
                {
                    object? item = Pop(at);
                    AsList(Peek(at), at).Add(item);
                    break;
                }

                case (byte)'e': // APPENDS
                {
                    List<object?> items = PopToMark(at);
                    AsList(Peek(at), at).AddRange(items);
                    break;
                }

                case (byte)'R': // REDUCE
                {
                    object?[] args = AsTuple(Pop(at), at);
                    Push(Construct(Pop(at), args, at));
                    break;
                }

                case 0x81: // NEWOBJ
                {
                    object?[] args = AsTuple(Pop(at), at);
                    Push(Construct(Pop(at), args, at));
                    break;
                }

                case (byte)'b': // BUILD
                {
                    object? state = Pop(at);
                    SetState(Peek(at), state, at);
                    break;
                }

                case (byte)'.': // STOP
                    if (stack.Count != 1)
                    {
                        throw Error(at, string.Create(CultureInfo.InvariantCulture, $"STOP with {stack.Count} items on the stack"));
                    }

                    return stack[0];
                default:
                    throw Error(at, string.Create(CultureInfo.InvariantCulture, $"pickle opcode 0x{op:x2} ('{(op is >= 32 and < 127 ? (char)op : '?')}') is not supported by this reader (only what NumPy object arrays use)"));
            }
        }
    }

    private object Construct(object? callable, object?[] args, int at)
    {
        if (callable is not PickledGlobal g)
        {
            throw Error(at, "REDUCE/NEWOBJ on something that is not a global");
        }

        if (g.IsReconstruct)
        {
            if (args.Length < 1 || args[0] is not PickledGlobal { IsNdArray: true })
            {
                throw Error(at, "_reconstruct must be called with numpy.ndarray");
            }

            return new PickledArray();
        }

        if (g.IsNdArray)
        {
            return new PickledArray();
        }

        if (g.IsDtype)
        {
            string type = args.Length >= 1 ? AsText(args[0], at) : throw Error(at, "numpy.dtype needs a type string");
            return new PickledDtype(type);
        }

        throw Error(at, $"calling {g.Module}.{g.Name} is not allowed");
    }

    private void SetState(object? target, object? state, int at)
    {
        object?[] s = AsTuple(state, at);
        switch (target)
        {
            case PickledDtype dtype:
                // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
                if (s.Length < 2)
                {
                    throw Error(at, "numpy.dtype state is too short");
                }

                dtype.ByteOrder = AsText(s[1], at);
                break;
            case PickledArray array:
                // (version, shape, dtype, fortran_order, data)
                if (s.Length != 5)
                {
                    throw Error(at, "numpy.ndarray state must have 5 items (version, shape, dtype, fortran, data)");
                }

                object?[] shape = AsTuple(s[1], at);
                array.Shape = new long[shape.Length];
                for (int i = 0; i < shape.Length; i++)
                {
                    array.Shape[i] = shape[i] is long d && d >= 0 ? d : throw Error(at, "ndarray shape must hold non-negative integers");
                }

                array.Dtype = s[2] as PickledDtype ?? throw Error(at, "ndarray state has no numpy.dtype");
                array.FortranOrder = s[3] is true;
                array.Data = s[4];
                break;
            default:
                throw Error(at, "BUILD on an object that is not a numpy array or dtype");
        }
    }

    private PickledGlobal ReadGlobal(int at)
    {
        string module = ReadLine(at);
        string name = ReadLine(at);
        var g = new PickledGlobal(module, name);
        if (!g.IsReconstruct && !g.IsNdArray && !g.IsDtype)
        {
            throw Error(at, $"global {module}.{name} is not allowed (only numpy _reconstruct, ndarray and dtype)");
        }

        return g;
    }

    private string ReadLine(int at)
    {
        int end = Array.IndexOf(data, (byte)'\n', pos, Math.Min(256, data.Length - pos));
        if (end < 0)
        {
            throw Error(at, "GLOBAL name is not terminated");
        }

        string s = Encoding.ASCII.GetString(data, pos, end - pos);
        pos = end + 1;
        return s;
    }

    private long ReadLong1(int at)
    {
        int n = ReadByte();
        if (n > 8)
        {
            throw Error(at, "LONG1 integer longer than 8 bytes");
        }

        ReadOnlySpan<byte> bytes = Take(n, at);
        long v = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            v = (v << 8) | bytes[i];
        }

        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0)
        {
            v -= 1L << (8 * n);
        }

        return v;
    }

    private int ReadLength(int at)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(Take(4, at));
        if (n < 0 || n > data.Length - pos)
        {
            throw Error(at, string.Create(CultureInfo.InvariantCulture, $"string length {n} runs past the end of the data (truncated)"), BadRecordKind.Truncated);
        }

        return n;
    }

    private byte ReadByte()
    {
        if (pos >= data.Length)
        {
            throw Error(pos, "the pickle ends without STOP (truncated)", BadRecordKind.Truncated);
        }

        return data[pos++];
    }

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, pos));

    private ReadOnlySpan<byte> Take(int n, int at)
    {
        if (n > data.Length - pos)
        {
            throw Error(at, "the pickle ends inside an argument (truncated)", BadRecordKind.Truncated);
        }

        ReadOnlySpan<byte> span = data.AsSpan(pos, n);
        pos += n;
        return span;
    }

    private void Push(object? value)
    {
        if (stack.Count >= MaxStackDepth)
        {
            throw Error(pos, "pickle stack too deep");
        }

        stack.Add(value);
    }

    private object? Pop(int at)
    {
        if (stack.Count == 0 || (marks.Count > 0 && marks[^1] == stack.Count))
        {
            throw Error(at, "pickle stack underflow");
        }

        object? v = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return v;
    }

    private object? Peek(int at) => stack.Count > 0 ? stack[^1] : throw Error(at, "pickle stack is empty");

    private object?[] PopN(int n, int at)
    {
        var items = new object?[n];
        for (int i = n - 1; i >= 0; i--)
        {
            items[i] = Pop(at);
        }

        return items;
    }

    private List<object?> PopToMark(int at)
    {
        if (marks.Count == 0)
        {
            throw Error(at, "no MARK on the pickle stack");
        }

        int mark = marks[^1];
        marks.RemoveAt(marks.Count - 1);
        List<object?> items = stack.GetRange(mark, stack.Count - mark);
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private object? Get(long key, int at) =>
        memo.TryGetValue(key, out object? v) ? v : throw Error(at, string.Create(CultureInfo.InvariantCulture, $"memo key {key} was never stored"));

    private List<object?> AsList(object? v, int at) => v as List<object?> ?? throw Error(at, "APPEND(S) on something that is not a list");

    private object?[] AsTuple(object? v, int at) => v as object?[] ?? throw Error(at, "expected a tuple");

    private string AsText(object? v, int at) => v switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        _ => throw Error(at, "expected a string"),
    };

    private DataFormatException Error(int at, string reason, BadRecordKind kind = BadRecordKind.UnsupportedFormat) =>
        new(new BadRecord(source, "byte", at, kind, reason));

    /// <summary>A global the pickle refers to (only the allowed numpy ones get this far).</summary>
    private sealed record PickledGlobal(string Module, string Name)
    {
        public bool IsReconstruct => Name == "_reconstruct" && Module is "numpy.core.multiarray" or "numpy._core.multiarray";

        public bool IsNdArray => Module == "numpy" && Name == "ndarray";

        public bool IsDtype => Module == "numpy" && Name == "dtype";
    }
}
