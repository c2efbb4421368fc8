using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Inputs;
using ShipSec.Runtime.Errors;

namespace ShipSec.Server;

/// <summary>Turns the runtime's typed exceptions and request-binding failures into RFC 7807 ProblemDetails; anything else stays a 500.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemFor(exception);
        if (problem is null) return false;

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        GraphValidationException e => Problem(StatusCodes.Status400BadRequest, "Workflow validation failed", e.Message,
            ("errors", e.Errors)),
        RunInputValidationException e => Problem(StatusCodes.Status400BadRequest, "Invalid run inputs", e.Message,
            ("errors", e.Errors)),
        InvalidRequestException e => Problem(StatusCodes.Status400BadRequest, "Invalid request", e.Message,
            ("parameter", e.Parameter)),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
        ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        BadHttpRequestException { InnerException: JsonException json } e => Problem(e.StatusCode, "Malformed JSON body", DescribeJson(json),
            ("path", json.Path), ("line", json.LineNumber + 1), ("position", json.BytePositionInLine + 1)),
        BadHttpRequestException e => Problem(e.StatusCode, "Bad request", e.Message),
        _ => null,
    };

    private static string DescribeJson(JsonException json)
    {
        var reason = json.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        var where = json.Path is null ? "" : $" at '{json.Path}'";
        var line = json.LineNumber is { } l ? $" (line {l + 1}, position {json.BytePositionInLine + 1})" : "";
        return $"The request body is not valid JSON{where}{line}: {reason}";
    }

    private static ProblemDetails Problem(int status, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            if (value is not null) problem.Extensions[key] = value;
        }
        return problem;
    }
}
