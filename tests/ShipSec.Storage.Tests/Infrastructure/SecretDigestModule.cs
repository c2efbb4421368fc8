using System.Security.Cryptography;
using System.Text;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>
/// <c>it.secret-digest</c>: outputs the SHA-256 of the secret it received (secret-typed input, else secret parameter), so a
/// test can prove the module got the value without the value ever being shown; with <c>fail</c> it throws an error quoting
/// the value, with <c>artifact</c> it writes the value into an artifact (as a tool writing its config to a file would).
/// </summary>
public sealed class SecretDigestModule : IModule
{
    public const string Id = "it.secret-digest";

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create(Id, "Secret digest")
        .Category("test")
        .Description("Outputs sha256 of the secret value it receives.")
        .Input("secret", "Secret", ConnectionType.Secret)
        .SecretParameter("secret", "Secret")
        .BooleanParameter("fail", "Fail", false)
        .BooleanParameter("artifact", "Artifact", false)
        .Output("sha256", "SHA-256", ConnectionType.Text)
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var value = context.InputOrParam<string>("secret") ?? "";
        if (context.Param<bool>("fail"))
            throw new ModuleException(ModuleErrorKind.Authentication, $"the service rejected key {value}", new { key = value });
        if (context.Param<bool>("artifact"))
        {
            await using var config = new MemoryStream(Encoding.UTF8.GetBytes($"[service]\napi_key = {value}\n"));
            await context.EmitArtifact("tool.conf", "text/plain", config);
        }
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value))),
        });
    }
}
