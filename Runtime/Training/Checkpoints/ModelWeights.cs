using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>
/// Saves and loads a model's weights in TorchSharp's <c>module.save</c> format: atomically (a killed save never leaves
/// a truncated file), and refusing with one line a file that is missing, truncated, not a weights file, belongs to
/// another model or holds non-finite values.
/// </summary>
public static class ModelWeights
{
    /// <summary>Writes the weights to a temporary file beside <paramref name="path"/> and moves it over.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The weights file to create or replace.</param>
    /// <exception cref="IOException">The file cannot be written (the destination is unchanged).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Save(torch.nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            model.save(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Loads weights saved for the same architecture into <paramref name="model"/>.</summary>
    /// <param name="model">The model, built with the options the weights were trained with.</param>
    /// <param name="path">The weights file.</param>
    /// <exception cref="ModelWeightsException">The file is missing, unreadable, truncated, not a weights file, another model's, or holds NaN/infinite values.</exception>
    public static void Load(torch.nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ModelWeightsException(path, "does not exist.");
        }

        try
        {
            model.load(path);
        }
        catch (Exception ex) when (ex is EndOfStreamException)
        {
            throw new ModelWeightsException(path, "is truncated (the file ends inside a tensor).", ex);
        }
        catch (Exception ex) when (ex.Message.Contains("Mismatched", StringComparison.OrdinalIgnoreCase) || ex is ArgumentException)
        {
            throw new ModelWeightsException(path, $"does not fit this model: {OneLine(ex.Message)}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or InvalidOperationException or OverflowException or OutOfMemoryException)
        {
            throw new ModelWeightsException(path, $"is not a weights file for this model ({OneLine(ex.Message)}).", ex);
        }

        using var scope = torch.NewDisposeScope();
        foreach ((string name, torch.Tensor tensor) in model.state_dict())
        {
            if (tensor.is_floating_point() && !tensor.isfinite().all().item<bool>())
            {
                long bad = tensor.numel() - tensor.isfinite().sum().item<long>();
                throw new ModelWeightsException(path, string.Create(CultureInfo.InvariantCulture, $"holds {bad} NaN or infinite values in '{name}': the run that wrote it diverged; train again."));
            }
        }
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).TrimEnd('.');
}
