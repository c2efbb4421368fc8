using ShipSec.Contracts.Runs;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>
/// Turns whatever ended the attempt into an outcome: a <see cref="NodeFailureException"/> keeps its typed error, a fired
/// node timeout becomes a retryable TimeoutError, a cancelled attempt a non-retryable CancelledError, anything else a
/// retryable InternalError carrying only the exception's message.
/// </summary>
public sealed class ExceptionHandlingMiddleware : INodeExecutionMiddleware
{
    /// <inheritdoc />
    public async Task InvokeAsync(NodeExecutionContext context, NodeExecutionDelegate next)
    {
        try
        {
            await next(context);
            if (context.Outcome is null)
                context.Fail(Internal($"Component '{context.ComponentId}' finished without a result"));
        }
        catch (Exception exception)
        {
            context.Fail(ErrorFor(context, exception));
        }
    }

    // Once the attempt's own token has fired, whatever the module threw is a consequence of the timeout or the cancel.
    private static NodeError ErrorFor(NodeExecutionContext context, Exception exception) => exception switch
    {
        _ when TimeoutMiddleware.HasTimedOut(context) => new NodeError
        {
            Type = NodeErrorTypes.Timeout,
            Message = $"Node timed out after {context.TimeoutSeconds} s",
            Retryable = true,
        },
        _ when context.CancellationToken.IsCancellationRequested => new NodeError
        {
            Type = NodeErrorTypes.Cancelled,
            Message = "The attempt was cancelled",
            Retryable = false,
        },
        NodeFailureException failure => failure.Error,
        _ => Internal(exception.Message),
    };

    private static NodeError Internal(string message) => new() { Type = NodeErrorTypes.Internal, Message = message, Retryable = true };
}
