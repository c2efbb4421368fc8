namespace ShipSec.Server.Auth;

/// <summary>Endpoint metadata: the route needs a valid API key even in <see cref="ApiAuthMode.Auto"/> mode while no key exists (webhooks).</summary>
public sealed class ApiKeyAlwaysRequired;
