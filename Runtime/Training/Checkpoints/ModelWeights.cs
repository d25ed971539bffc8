using System;
using System.Globalization;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using QuickDrawDsl.Runtime.Models;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training.Checkpoints;

/// <summary>
/// Saves and loads a model's weights with what identifies them: a header with the model's name, its spec hash
/// (<see cref="ModelSpecHash"/>, for generated models), its class labels and its state signature, followed by the
/// tensors in TorchSharp's <c>module.save</c> format. Saving is atomic (a killed save never leaves a truncated file);
/// loading refuses with one line a file that is missing, truncated, not a weights file, saved from another spec or
/// another model, or holds non-finite values. Files without the header (plain <c>module.save</c>, earlier releases)
/// still load, checked by shape only.
/// </summary>
public static class ModelWeights
{
    // "QDWEIGHT" + format version; TorchSharp's own format starts with an entry count, never these bytes.
    private static readonly byte[] Magic = "QDWEIGHT"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>Writes the weights, with the model's name, spec hash, labels and signature, to a temporary file beside <paramref name="path"/> and moves it over.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The weights file to create or replace.</param>
    /// <param name="labels">Class labels to store (null: a generated model's spec labels, else none).</param>
    /// <exception cref="IOException">The file cannot be written (the destination is unchanged).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Save(torch.nn.Module model, string path, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        ModelWeightsInfo info = Describe(model, labels);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(info.ModelName);
                writer.Write(info.SpecHash ?? string.Empty);
                writer.Write(info.Labels.Count);
                foreach (string label in info.Labels)
                {
                    writer.Write(label);
                }

                writer.Write(info.Signature!);
                model.save(writer);
            }

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

    /// <summary>Reads what a weights file says about its model, without loading the tensors.</summary>
    /// <param name="path">The weights file.</param>
    /// <returns>Name, spec hash, labels and signature (for a file without the header: an empty name and nulls).</returns>
    /// <exception cref="ModelWeightsException">The file is missing, unreadable or its header is truncated.</exception>
    public static ModelWeightsInfo ReadInfo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads weights saved for the same spec and architecture into <paramref name="model"/>.</summary>
    /// <param name="model">The model, built with the options the weights were trained with.</param>
    /// <param name="path">The weights file.</param>
    /// <returns>What the file says about its model, including the labels it was trained with.</returns>
    /// <exception cref="ModelWeightsException">
    /// The file is missing, unreadable, truncated, not a weights file, saved from another spec (hash) or model (shapes),
    /// or holds NaN/infinite values.
    /// </exception>
    public static ModelWeightsInfo Load(torch.nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        ModelWeightsInfo info = ReadHeader(reader, path);
        ModelWeightsInfo expected = Describe(model, null);
        if (info.SpecHash is not null && expected.SpecHash is not null && info.SpecHash != expected.SpecHash)
        {
            throw new ModelWeightsException(path, $"was saved from another version of the spec of {info.ModelName} (spec hash {ModelSpecHash.Short(info.SpecHash)}; this build's {expected.ModelName} has {ModelSpecHash.Short(expected.SpecHash)}): train again with this spec, or build with the spec the weights were trained with.");
        }

        if (info.Signature is not null && info.Signature != expected.Signature)
        {
            throw new ModelWeightsException(path, $"does not fit this model: it was saved from a different model ({(info.ModelName.Length == 0 ? "unnamed" : info.ModelName)}): {ModelSignature.Describe(expected.Signature!, info.Signature).Replace("the checkpoint has", "the file has", StringComparison.Ordinal)}.", fileIsUnusable: true);
        }

        try
        {
            model.load(reader);
        }
        catch (Exception ex) when (ex is EndOfStreamException)
        {
            throw new ModelWeightsException(path, "is truncated (the file ends inside a tensor).", ex, fileIsUnusable: true);
        }
        catch (Exception ex) when (ex.Message.Contains("Mismatched", StringComparison.OrdinalIgnoreCase) || ex is ArgumentException)
        {
            throw new ModelWeightsException(path, $"does not fit this model: {OneLine(ex.Message)}.", ex, fileIsUnusable: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or InvalidOperationException or OverflowException or OutOfMemoryException)
        {
            throw new ModelWeightsException(path, $"is not a weights file for this model ({OneLine(ex.Message)}).", ex, fileIsUnusable: true);
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

        return info;
    }

    private static ModelWeightsInfo Describe(torch.nn.Module model, IReadOnlyList<string>? labels)
    {
        ModelInfo? generated = (model as IGeneratedModel)?.Info;
        return new ModelWeightsInfo(
            generated?.Name ?? model.GetName(),
            generated is null ? null : ModelSpecHash.Of(generated),
            labels ?? generated?.Labels ?? [],
            ModelSignature.Of(model));
    }

    private static FileStream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelWeightsException(path, "does not exist.");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelWeightsException(path, $"cannot be read ({OneLine(ex.Message)}).", ex, fileIsUnusable: true);
        }
    }

    // Leaves the reader at the first tensor; a file without the header is rewound to its start.
    private static ModelWeightsInfo ReadHeader(BinaryReader reader, string path)
    {
        Stream stream = reader.BaseStream;
        byte[] start = reader.ReadBytes(Magic.Length);
        if (!start.AsSpan().SequenceEqual(Magic))
        {
            stream.Position = 0;
            return new ModelWeightsInfo(string.Empty, null, [], null);
        }

        try
        {
            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new ModelWeightsException(path, $"is a weights file of format {version}; this QuickDrawDsl reads format {FormatVersion}: update the QuickDrawDsl.Runtime package.");
            }

            string name = reader.ReadString();
            string hash = reader.ReadString();
            int count = reader.ReadInt32();
            if (count < 0 || count > 1_000_000 || (hash.Length > 0 && !ModelSpecHash.IsHash(hash)))
            {
                throw new InvalidDataException("the header is damaged");
            }

            var labels = new string[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = reader.ReadString();
            }

            string signature = reader.ReadString();
            return new ModelWeightsInfo(name, hash.Length == 0 ? null : hash, labels, signature);
        }
        catch (EndOfStreamException ex)
        {
            throw new ModelWeightsException(path, "is truncated (the file ends inside its header).", ex, fileIsUnusable: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException and not ModelWeightsException)
        {
            throw new ModelWeightsException(path, $"is not a weights file ({OneLine(ex.Message)}).", ex, fileIsUnusable: true);
        }
    }
    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).TrimEnd('.');
}
