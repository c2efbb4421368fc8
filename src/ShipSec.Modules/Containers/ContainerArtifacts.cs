namespace ShipSec.Modules.Containers;

/// <summary>Stores a container's output files as run artifacts (NODE_ARTIFACT), typed by their extension.</summary>
public static class ContainerArtifacts
{
    /// <summary>Emits each output file of <paramref name="result"/> that <paramref name="include"/> accepts (all when null).</summary>
    public static async Task Emit(ModuleContext context, ContainerResult result, Func<ContainerOutputFile, bool>? include = null)
    {
        foreach (var file in result.OutputFiles.Where(include ?? (_ => true)))
        {
            await using var content = file.OpenRead();
            await context.EmitArtifact(file.Path, ContentTypeOf(file.Path), content);
        }
    }

    /// <summary>The content type an output file is stored with.</summary>
    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xml" => "application/xml",
        ".json" => "application/json",
        ".jsonl" => "application/x-ndjson",
        ".html" => "text/html",
        _ => "text/plain",
    };
}
