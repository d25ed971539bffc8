namespace QuickDrawDsl.Runtime.Models;

/// <summary>Implemented by every model the QuickDrawDsl generator emits: what the spec declared, as data.</summary>
public interface IGeneratedModel
{
    /// <summary>The model's name, kind, shapes, labels and layers.</summary>
    ModelInfo Info { get; }
}
