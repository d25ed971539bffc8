using System;
using System.Collections.Generic;
using QuickDrawDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickDrawDsl.Runtime.Data.QuickDraw;

/// <summary>Turns 28x28 byte images (from <see cref="QuickDrawBitmapReader"/> or a rasterizer) into CNN input tensors.</summary>
public static class BitmapTensors
{
    /// <summary>Builds a float32 tensor <c>[N, 1, side, side]</c> from images back to back.</summary>
    /// <param name="pixels"><c>count * side * side</c> bytes.</param>
    /// <param name="count">N.</param>
    /// <param name="side">The image side (28 for QuickDraw).</param>
    /// <param name="scaleToUnit">Divide by 255 so values are in [0, 1] (default); otherwise keep 0..255.</param>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor; the caller disposes it.</returns>
    public static Tensor ToTensor(byte[] pixels, int count, int side = QuickDrawBitmapReader.ImageSide, bool scaleToUnit = true, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        if ((long)count * side * side != pixels.Length)
        {
            throw new ArgumentException("pixels must hold exactly count * side * side bytes", nameof(pixels));
        }

        float[] values = new float[pixels.Length];
        float factor = scaleToUnit ? 1f / 255f : 1f;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = pixels[i] * factor;
        }

        TorchNative.EnsureLoaded();
        return torch.tensor(values, new long[] { count, 1, side, side }, device: device);
    }

    /// <summary>Builds a float32 tensor <c>[N, 1, side, side]</c> from separate images of <c>side * side</c> bytes.</summary>
    /// <param name="images">The images.</param>
    /// <param name="side">The image side (28 for QuickDraw).</param>
    /// <param name="scaleToUnit">Divide by 255 (default).</param>
    /// <param name="device">Where to put it; null for the CPU.</param>
    /// <returns>The tensor; the caller disposes it.</returns>
    public static Tensor ToTensor(IReadOnlyList<byte[]> images, int side = QuickDrawBitmapReader.ImageSide, bool scaleToUnit = true, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        int pixelsPerImage = side * side;
        byte[] all = new byte[images.Count * pixelsPerImage];
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i].Length != pixelsPerImage)
            {
                throw new ArgumentException($"image {i} does not have side * side bytes", nameof(images));
            }

            images[i].CopyTo(all, i * pixelsPerImage);
        }

        return ToTensor(all, images.Count, side, scaleToUnit, device);
    }
}
