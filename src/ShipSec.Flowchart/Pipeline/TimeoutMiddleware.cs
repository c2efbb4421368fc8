namespace ShipSec.Flowchart.Pipeline;

/// <summary>
/// Enforces the node timeout: the steps inside it see a token that also fires after <see cref="NodeExecutionContext.TimeoutSeconds"/>
/// (on <see cref="NodeExecutionContext.Clock"/>). Cancellation is cooperative; when the timeout is what stopped the attempt it is
/// recorded so <see cref="ExceptionHandlingMiddleware"/> reports a TimeoutError.
/// </summary>
public sealed class TimeoutMiddleware : INodeExecutionMiddleware
{
    private const string TimedOutItem = "ShipSec.Flowchart.TimedOut";

    /// <summary>True when the node timeout stopped this attempt.</summary>
    public static bool HasTimedOut(NodeExecutionContext context) =>
        context.Items.TryGetValue(TimedOutItem, out var timedOut) && timedOut is true;

    /// <inheritdoc />
    public async Task InvokeAsync(NodeExecutionContext context, NodeExecutionDelegate next)
    {
        if (context.TimeoutSeconds is not (int seconds and > 0))
        {
            await next(context);
            return;
        }

        var outer = context.CancellationToken;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), context.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(outer, timeout.Token);
        context.CancellationToken = linked.Token;
        try
        {
            await next(context);
        }
        catch when (timeout.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            context.Items[TimedOutItem] = true;
            throw;
        }
        finally
        {
            context.CancellationToken = outer;
        }
    }
}
