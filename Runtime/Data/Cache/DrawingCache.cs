using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using QuickDrawDsl.Runtime.Data.QuickDraw;

namespace QuickDrawDsl.Runtime.Data.Cache;

/// <summary>
/// A prepared cache opened for reading: the manifest and every shard, memory-mapped. Opening reads the headers only;
/// memory does not grow with the number of drawings.
/// </summary>
public sealed class DrawingCache : IDisposable
{
    private readonly List<CacheShard> shards;

    private DrawingCache(string folder, DrawingCacheManifest manifest, List<CacheShard> shards)
    {
        Folder = folder;
        Manifest = manifest;
        this.shards = shards;
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>The manifest.</summary>
    public DrawingCacheManifest Manifest { get; }

    /// <summary>The class names; a drawing's label indexes them.</summary>
    public IReadOnlyList<string> Classes => Manifest.Classes;

    /// <summary>Opens a cache made by <see cref="DrawingCachePreparer"/>.</summary>
    /// <param name="folder">The cache folder.</param>
    /// <returns>The open cache.</returns>
    /// <exception cref="DrawingCacheException">No manifest (not prepared, or prepare did not finish), a missing or bad shard, or another format version.</exception>
    public static DrawingCache Open(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string manifestPath = Path.Combine(folder, DrawingCacheFormat.ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new DrawingCacheException(folder, Directory.Exists(folder)
                ? $"has no {DrawingCacheFormat.ManifestFileName}: it is not a prepared cache, or prepare did not finish; run quickdraw prepare --output {folder} (it resumes where it stopped)"
                : "does not exist; make it with quickdraw prepare --data <folder> --output " + folder);
        }

        DrawingCacheManifest manifest = ReadManifest(manifestPath);
        var classIndex = manifest.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var shards = new List<CacheShard>();
        try
        {
            foreach (CacheSource source in manifest.Sources)
            {
                if (!classIndex.TryGetValue(source.Class, out int label))
                {
                    throw new DrawingCacheException(manifestPath, $"is corrupt: source {source.File} has class '{source.Class}', which is not in its class list; run quickdraw prepare again");
                }

                foreach (string name in source.Shards)
                {
                    DrawingShard shard = DrawingShard.Open(Path.Combine(folder, DrawingCacheFormat.ShardFolder, name));
                    shards.Add(new CacheShard(shard, label));
                    if (shard.Meta.Class != source.Class)
                    {
                        throw new DrawingCacheException(shard.Path, $"holds class '{shard.Meta.Class}' but the manifest says '{source.Class}'; run quickdraw prepare again");
                    }
                }
            }
        }
        catch
        {
            foreach (CacheShard s in shards)
            {
                s.Shard.Dispose();
            }

            throw;
        }

        var cache = new DrawingCache(folder, manifest, shards);
        foreach (DataSplit split in new[] { DataSplit.Train, DataSplit.Validation, DataSplit.Test })
        {
            long expected = cache.Count(split);
            long found = cache.Shards(split).Sum(s => s.Shard.Count);
            if (expected != found)
            {
                cache.Dispose();
                throw new DrawingCacheException(manifestPath, $"counts {expected} {split} drawings but its shards hold {found}; run quickdraw prepare again");
            }
        }

        return cache;
    }

    /// <summary>Reads a manifest file.</summary>
    /// <param name="path">The manifest.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="DrawingCacheException">Unreadable, not JSON, or another version.</exception>
    public static DrawingCacheManifest ReadManifest(string path)
    {
        DrawingCacheManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), DrawingCacheJsonContext.Default.DrawingCacheManifest);
        }
        catch (JsonException ex)
        {
            throw new DrawingCacheException(path, $"is not a valid cache manifest ({ex.Message}); run quickdraw prepare again", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DrawingCacheException(path, $"cannot be read: {ex.Message}", ex);
        }

        if (manifest is null || manifest.Classes is null || manifest.Sources is null || manifest.Settings is null)
        {
            throw new DrawingCacheException(path, "is not a valid cache manifest (fields missing); run quickdraw prepare again");
        }

        if (manifest.Version != DrawingCacheFormat.ManifestVersion || manifest.Settings.PreprocessingVersion != DrawingCacheFormat.PreprocessingVersion)
        {
            throw new DrawingCacheException(path, $"is manifest version {manifest.Version} with preprocessing version {manifest.Settings.PreprocessingVersion}; this build reads {DrawingCacheFormat.ManifestVersion} / {DrawingCacheFormat.PreprocessingVersion}: prepare the cache again into a new folder");
        }

        return manifest;
    }

    /// <summary>The number of drawings in a split.</summary>
    /// <param name="split">Train, Validation or Test.</param>
    /// <returns>The count from the manifest.</returns>
    public long Count(DataSplit split) => split switch
    {
        DataSplit.Train => Manifest.Train,
        DataSplit.Validation => Manifest.Validation,
        DataSplit.Test => Manifest.Test,
        _ => 0,
    };

    /// <summary>The shards of a split with their class index, in a fixed order (source file, then shard name).</summary>
    /// <param name="split">Train, Validation or Test.</param>
    /// <returns>The shards.</returns>
    public IReadOnlyList<CacheShard> Shards(DataSplit split) => shards.Where(s => s.Shard.Split == split).ToList();

    /// <summary>Every drawing of a split, shard by shard (for evaluation and tests; training streams them shuffled).</summary>
    /// <param name="split">Train, Validation or Test.</param>
    /// <returns>The drawings, read lazily.</returns>
    public IEnumerable<CachedDrawing> Read(DataSplit split)
    {
        foreach (CacheShard s in Shards(split))
        {
            for (long i = 0; i < s.Shard.Count; i++)
            {
                yield return s.Shard.Read(i, s.Label);
            }
        }
    }

    /// <summary>Unmaps every shard.</summary>
    public void Dispose()
    {
        foreach (CacheShard s in shards)
        {
            s.Shard.Dispose();
        }

        shards.Clear();
    }
}
