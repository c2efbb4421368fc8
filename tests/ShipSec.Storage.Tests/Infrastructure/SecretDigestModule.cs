using System.Security.Cryptography;
using System.Text;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>
/// <c>it.secret-digest</c>: outputs the SHA-256 of the secret it received (secret-typed input, else secret parameter), so a
/// test can prove the module got the value without the value ever being shown; with <c>fail</c> it throws an error quoting the value.
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
        .Output("sha256", "SHA-256", ConnectionType.Text)
        .Build();

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var value = context.InputOrParam<string>("secret") ?? "";
        if (context.Param<bool>("fail"))
            throw new ModuleException(ModuleErrorKind.Authentication, $"the service rejected key {value}", new { key = value });
        return Task.FromResult(ModuleResult.From(new Dictionary<string, object?>
        {
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value))),
        }));
    }
}
