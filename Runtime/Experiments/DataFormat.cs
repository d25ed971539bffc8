namespace QuickDrawDsl.Runtime.Experiments;

/// <summary>The format of a <c>data:</c> section (<c>format:</c>).</summary>
public enum DataFormat
{
    /// <summary>QuickDraw simplified drawings, one JSON object a line, one <c>&lt;category&gt;.ndjson</c> per class (<c>quickdraw_ndjson</c>).</summary>
    QuickDrawNdjson,

    /// <summary>QuickDraw raw drawings with timestamps, <c>.ndjson</c> (<c>quickdraw_raw</c>).</summary>
    QuickDrawRaw,

    /// <summary>QuickDraw's binary format, one <c>&lt;category&gt;.bin</c> per class (<c>quickdraw_bin</c>).</summary>
    QuickDrawBin,

    /// <summary>A drawing cache prepared from QuickDraw files (<c>quickdraw_cache</c>).</summary>
    QuickDrawCache,

    /// <summary>NumPy arrays, one <c>&lt;category&gt;.npy</c> per class (<c>npy</c>).</summary>
    Npy,

    /// <summary>A NumPy archive of arrays (<c>npz</c>; <see cref="DataSection.ArrayKey"/> names the array).</summary>
    Npz,

    /// <summary>A CSV time series cut into windows (<c>csv</c>; <see cref="DataSection.Window"/>, <see cref="DataSection.Horizon"/>).</summary>
    Csv,

    /// <summary>Video clips, one folder per class of clip folders of frames (<c>video_clips</c>).</summary>
    VideoClips,
}
