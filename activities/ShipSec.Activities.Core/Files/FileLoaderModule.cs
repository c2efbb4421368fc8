using System.Text;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Core.Files;

/// <summary>
/// <c>core.file.loader</c>: reads a file uploaded through <c>POST /files/upload</c> into the workflow, by the id wired to
/// its <c>fileId</c> input or set as its <c>fileId</c> parameter: its metadata, its text when it is text, and its bytes
/// as base64 when asked.
/// </summary>
public sealed class FileLoaderModule : IModule
{
    public const string Id = "core.file.loader";
    private const long DefaultMaxBytes = 10 * 1024 * 1024;

    private static readonly string[] TextMediaTypes =
    [
        "application/json", "application/xml", "application/yaml", "application/x-yaml", "application/javascript",
        "application/x-ndjson", "application/csv", "application/sql", "application/x-sh",
    ];

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create(Id, "File loader")
        .Category("core")
        .Description(
            "Loads an uploaded file by id: outputs its metadata {id, name, mimeType, size}, its content as text when it is text " +
            "(UTF-8), and as base64 when 'includeBase64' is on. Files larger than 'maxBytes' are refused.")
        .Input("fileId", "File", ConnectionType.File, description: "A file id (or file object) from a file runtime input.")
        .TextParameter("fileId", "File id", description: "Id of an uploaded file, used when the fileId input is not wired.")
        .BooleanParameter("includeBase64", "Include base64", false, "Also output the bytes as base64 (binary files).")
        .NumberParameter("maxBytes", "Max bytes", DefaultMaxBytes, "Largest file this node reads into the workflow.", min: 1)
        .Output("file", "File", ConnectionType.Json, "{id, name, mimeType, size}")
        .Output("textContent", "Text content", ConnectionType.Text, "The content as text; null for binary files.")
        .Output("base64", "Base64", ConnectionType.Text, "The content as base64 when includeBase64 is on; else null.")
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var fileId = FileIdOf(context);
        var maxBytes = (long)context.Param<double>("maxBytes");
        await using var file = await context.OpenFile(fileId);
        if (file.Size > maxBytes)
        {
            throw new ModuleException(ModuleErrorKind.Validation,
                $"File '{file.Id}' ({file.Name}) has {file.Size} bytes; this node reads at most {maxBytes} (raise 'maxBytes').");
        }

        var bytes = new byte[file.Size];
        await file.Content.ReadExactlyAsync(bytes, context.CancellationToken);
        var text = IsText(file.MimeType, bytes, out var decoded) ? decoded : null;
        context.Log($"loaded {file.Name} ({file.Size} bytes, {file.MimeType}{(text is null ? ", binary" : "")})");

        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["file"] = new { id = file.Id, name = file.Name, mimeType = file.MimeType, size = file.Size },
            ["textContent"] = text,
            ["base64"] = context.Param<bool>("includeBase64") ? Convert.ToBase64String(bytes) : null,
        });
    }

    /// <summary>The wired input wins over the parameter; a file object is accepted for its <c>id</c>.</summary>
    private static string FileIdOf(ModuleContext context)
    {
        var value = context.Inputs.TryGetValue("fileId", out var wired) && wired.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? wired
            : context.Params.GetValueOrDefault("fileId");
        var id = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("id", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(id)
            ? throw new ModuleException(ModuleErrorKind.Validation, "'fileId' is required: wire a file input to it or set the fileId parameter.")
            : id.Trim();
    }

    /// <summary>Text media types decode as UTF-8; unknown types count as text when they decode strictly and hold no NUL.</summary>
    private static bool IsText(string mimeType, byte[] bytes, out string text)
    {
        text = "";
        var media = mimeType.Split(';')[0].Trim().ToLowerInvariant();
        var declaredText = media.StartsWith("text/", StringComparison.Ordinal) || TextMediaTypes.Contains(media)
            || media.EndsWith("+json", StringComparison.Ordinal) || media.EndsWith("+xml", StringComparison.Ordinal);
        if (!declaredText && media is not ("application/octet-stream" or "")) return false;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return declaredText || !text.Contains('\0');
    }
}
