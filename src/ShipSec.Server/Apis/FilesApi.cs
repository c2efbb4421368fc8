using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Files;

namespace ShipSec.Server.Apis;

/// <summary><c>/files</c>: streaming multipart upload with a size limit, list, metadata, download (with ranges) and delete.</summary>
public static class FilesApi
{
    /// <summary>Room for the multipart framing (boundaries, part headers) around a file of the maximum size.</summary>
    private const long MultipartAllowance = 64 * 1024;

    public static RouteGroupBuilder MapFilesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/files").WithTags("Files");
        group.MapPost("/upload", UploadAsync).WithName("uploadFile").DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<FileView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync).WithName("listFiles");
        group.MapGet("/{id}", GetAsync).WithName("getFile");
        group.MapGet("/{id}/download", DownloadAsync).WithName("downloadFile");
        group.MapDelete("/{id}", DeleteAsync).WithName("deleteFile");
        return group;
    }

    /// <summary>
    /// Streams the multipart field <c>file</c> into the store; past <c>ShipSec:Files:MaxUploadBytes</c> the upload
    /// stops with 413 and nothing is kept. The body is read section by section, never buffered.
    /// </summary>
    public static async Task<IResult> UploadAsync(HttpRequest request, FileLibrary files, CancellationToken cancellationToken)
    {
        var limit = files.MaxUploadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limit + MultipartAllowance;
        if (request.ContentLength > limit + MultipartAllowance) return TooLarge(limit);

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new InvalidRequestException("file", "Send the file as multipart/form-data with a field named 'file'.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition()
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            try
            {
                var file = await files.UploadAsync(fileName, section.ContentType, section.Body, cancellationToken);
                return TypedResults.Created($"/api/v1/files/{file.Id}", file);
            }
            catch (UploadTooLargeException)
            {
                return TooLarge(limit);
            }
        }
        throw new InvalidRequestException("file", "The multipart body has no file field named 'file'.");
    }

    public static async Task<IResult> ListAsync(int? limit, int? offset, FileLibrary files, CancellationToken cancellationToken) =>
        TypedResults.Ok(await files.ListAsync(limit, offset, cancellationToken));

    public static async Task<IResult> GetAsync(string id, FileLibrary files, CancellationToken cancellationToken) =>
        TypedResults.Ok(await files.GetAsync(id, cancellationToken));

    public static async Task<IResult> DownloadAsync(string id, FileLibrary files, CancellationToken cancellationToken)
    {
        var opened = await files.OpenAsync(id, cancellationToken);
        return ArtifactsApi.Download(opened.Content, opened.File.MimeType, opened.File.Name, opened.File.CreatedAt, opened.File.Sha256);
    }

    public static async Task<IResult> DeleteAsync(string id, FileLibrary files, CancellationToken cancellationToken)
    {
        await files.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static IResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Upload too large",
        detail: $"The file is larger than the upload limit of {limit} bytes (ShipSec:Files:MaxUploadBytes); nothing was stored.",
        extensions: new Dictionary<string, object?> { ["limit"] = limit });
}
