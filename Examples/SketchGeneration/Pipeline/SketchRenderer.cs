using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuickDrawDsl.Runtime.Data.Strokes;
using ScottPlot;

namespace QuickDrawDsl.Examples.SketchGeneration.Pipeline;

/// <summary>Draws grids of stroke-3 drawings to PNG (real drawings in black, decoded ones in blue), one stroke per line.</summary>
internal static class SketchRenderer
{
    private const double Cell = 1.3;
    private const int PixelsPerCell = 150;

    /// <summary>Writes <paramref name="cells"/> row by row, <paramref name="columns"/> per row.</summary>
    /// <param name="path">The PNG file (its folder is created).</param>
    /// <param name="cells">The drawings.</param>
    /// <param name="columns">Cells per row.</param>
    /// <param name="title">The title above the grid.</param>
    public static void Save(string path, IReadOnlyList<SketchCell> cells, int columns, string title)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        int rows = (cells.Count + columns - 1) / columns;
        var plot = new Plot();
        for (int i = 0; i < cells.Count; i++)
        {
            double left = (i % columns) * Cell;
            double top = -(i / columns) * Cell;
            Color color = cells[i].Original ? Colors.Black : Colors.Blue;
            foreach (Stroke stroke in StrokeConversions.ToStrokes(cells[i].Drawing))
            {
                // Clamp what a decoder may throw far outside its cell, so one bad drawing cannot shrink the grid.
                double[] xs = stroke.X.Select(x => left + Math.Clamp(x, -0.6, 0.6)).ToArray();
                double[] ys = stroke.Y.Select(y => top - Math.Clamp(y, -0.6, 0.6)).ToArray();
                var line = plot.Add.ScatterLine(xs, ys);
                line.LineWidth = 2;
                line.Color = color;
            }
        }

        plot.Title(title);
        plot.HideAxesAndGrid();
        plot.Axes.SetLimits(-Cell / 2, (columns - 0.5) * Cell, -((rows - 0.5) * Cell), Cell / 2);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, columns * PixelsPerCell, (rows * PixelsPerCell) + 40);
    }
}
