using ShipSec.Server.Auth;

namespace ShipSec.Server.Apis;

/// <summary>
/// <c>/webhooks</c>: triggers for other systems. <c>POST /webhooks/workflows/{id}/run</c> is <c>POST /workflows/{id}/run</c>
/// (same body, <c>Idempotency-Key</c> and answer) except that it always requires an API key.
/// </summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/webhooks").WithTags("Webhooks").RequireApiKeyAlways();
        group.MapPost("/workflows/{id}/run", WorkflowsApi.RunAsync).WithName("runWorkflowWebhook");
        return group;
    }
}
