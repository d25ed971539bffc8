using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp;

namespace QuickDrawDsl.Runtime.Training;

/// <summary>Binary (de)serialization helpers for the parts of a checkpoint payload.</summary>
internal static class TrainerState
{
    public static void WriteTensors(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, torch.Tensor>> tensors)
    {
        writer.Write(tensors.Count);
        foreach ((string name, torch.Tensor tensor) in tensors)
        {
            using torch.Tensor cpu = tensor.detach().cpu().contiguous();
            writer.Write(name);
            writer.Write((int)cpu.dtype);
            writer.Write(cpu.shape.Length);
            foreach (long d in cpu.shape)
            {
                writer.Write(d);
            }

            ReadOnlySpan<byte> bytes = cpu.bytes;
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    /// <summary>Reads tensors written by <see cref="WriteTensors"/>; the caller owns (disposes) them.</summary>
    public static Dictionary<string, torch.Tensor> ReadTensors(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var result = new Dictionary<string, torch.Tensor>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var dtype = (torch.ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
            }

            byte[] bytes = reader.ReadBytes(reader.ReadInt32());
            torch.Tensor t = torch.empty(shape, dtype);
            t.bytes = bytes;
            result[name] = t.DetachFromDisposeScope();
        }

        return result;
    }

    /// <summary>Copies <paramref name="source"/> into the model's state entries (parameters and buffers) in place.</summary>
    public static void CopyInto(torch.nn.Module model, IReadOnlyDictionary<string, torch.Tensor> source, string what)
    {
        using var noGrad = torch.no_grad();
        foreach ((string name, torch.Tensor target) in model.state_dict())
        {
            if (!source.TryGetValue(name, out torch.Tensor? value))
            {
                throw new InvalidDataException($"{what} has no entry '{name}'.");
            }

            target.copy_(value);
        }
    }

    public static void WriteHistory(BinaryWriter writer, IReadOnlyList<EpochResult> history)
    {
        writer.Write(history.Count);
        foreach (EpochResult r in history)
        {
            writer.Write(r.Epoch);
            writer.Write(r.LearningRate);
            writer.Write(r.Seconds);
            writer.Write(r.SamplesPerSecond);
            writer.Write(r.Metrics.Count);
            foreach ((string key, double value) in r.Metrics)
            {
                writer.Write(key);
                writer.Write(value);
            }
        }
    }

    public static List<EpochResult> ReadHistory(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var history = new List<EpochResult>(count);
        for (int i = 0; i < count; i++)
        {
            int epoch = reader.ReadInt32();
            double lr = reader.ReadDouble();
            double seconds = reader.ReadDouble();
            double sps = reader.ReadDouble();
            int n = reader.ReadInt32();
            var metrics = new Dictionary<string, double>(n, StringComparer.Ordinal);
            for (int m = 0; m < n; m++)
            {
                string key = reader.ReadString();
                metrics[key] = reader.ReadDouble();
            }

            history.Add(new EpochResult(epoch, lr, seconds, sps, metrics));
        }

        return history;
    }
}
