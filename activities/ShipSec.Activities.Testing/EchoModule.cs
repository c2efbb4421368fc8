using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Testing;

/// <summary>
/// <c>test.echo</c>: logs its <c>text</c> and the value of its <c>secret</c> (a secret id, resolved by the worker) and
/// returns both as outputs — a module that leaks on purpose, so tests can prove the runtime masks what it leaks.
/// </summary>
public sealed class EchoModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("test.echo", "Echo")
        .Category("test")
        .Description("Logs 'text' and the value of the secret 'secret', and outputs both as 'text' and 'secret'.")
        .TextParameter("text", "Text", "")
        .SecretParameter("secret", "Secret", "Id of a stored secret; the module receives its value.")
        .Output("text", "Text", ConnectionType.Text)
        .Output("secret", "Secret", ConnectionType.Text)
        .Build();

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var text = context.Param<string>("text") ?? "";
        var secret = context.Param<string>("secret") ?? "";
        context.Log($"text: {text}");
        context.Log($"secret: {secret}", stream: "stdout");
        return Task.FromResult(ModuleResult.From(new Dictionary<string, object?> { ["text"] = text, ["secret"] = secret }));
    }
}
