using System;
using System.IO;
using System.Text.Json;
using QuickDrawDsl.CommandLine;

namespace QuickDrawDsl.Examples.Common;

/// <summary>Reads a run's <c>run.json</c> with one-line errors for a missing, unreadable or broken file.</summary>
public static class RunSettingsFile
{
    /// <summary>Reads and deserialises the settings file of a run.</summary>
    /// <typeparam name="T">The settings record.</typeparam>
    /// <param name="file">The run.json file.</param>
    /// <param name="runFolder">The run folder, for messages.</param>
    /// <param name="trainHint">The command that writes a run there, e.g. <c>quickdraw train --output runs/x</c>.</param>
    /// <param name="options">Serializer options.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="UserError">The file is missing, unreadable, not JSON or not a run's settings.</exception>
    public static T Read<T>(string file, string runFolder, string trainHint, JsonSerializerOptions? options = null)
        where T : class
    {
        if (!File.Exists(file))
        {
            throw new UserError(Directory.Exists(runFolder)
                ? $"'{runFolder}' is not a training run (it has no run.json); train first: {trainHint}"
                : $"'{runFolder}' does not exist; train a run there first: {trainHint}");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), options)
                ?? throw new UserError($"{file} is empty (null); it is written by training: train again with --force, or restore the file");
        }
        catch (JsonException ex)
        {
            throw new UserError($"{file} is not a valid run.json ({OneLine.Of(ex.Message).TrimEnd('.')}); it is written by training: train again with --force, or restore the file", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{file} cannot be read ({OneLine.Of(ex.Message).TrimEnd('.')})", ex);
        }
    }
}
