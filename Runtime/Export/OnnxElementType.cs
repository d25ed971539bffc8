namespace QuickDrawDsl.Runtime.Export;

/// <summary>Element types of ONNX tensors that QuickDrawDsl graphs use; the values are ONNX's <c>TensorProto.DataType</c> codes.</summary>
public enum OnnxElementType
{
    /// <summary>32-bit IEEE float (<c>FLOAT</c>, 1).</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer (<c>UINT8</c>, 2).</summary>
    UInt8 = 2,

    /// <summary>32-bit signed integer (<c>INT32</c>, 6).</summary>
    Int32 = 6,

    /// <summary>64-bit signed integer (<c>INT64</c>, 7).</summary>
    Int64 = 7,

    /// <summary>Boolean (<c>BOOL</c>, 9).</summary>
    Bool = 9,

    /// <summary>64-bit IEEE float (<c>DOUBLE</c>, 11).</summary>
    Double = 11,
}
