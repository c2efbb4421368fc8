using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary><c>it.echo</c>: outputs (and logs) whatever reaches its untyped <c>value</c> input.</summary>
public sealed class EchoModule : IModule
{
    public const string Id = "it.echo";

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create(Id, "Echo")
        .Category("test")
        .Description("Outputs its input.")
        .Input("value", "Value", ConnectionType.Any)
        .Output("value", "Value", ConnectionType.Any)
        .Build();

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var value = context.Inputs.GetValueOrDefault("value");
        context.Log($"echo {value}");
        return Task.FromResult(new ModuleResult(new Dictionary<string, JsonElement> { ["value"] = value }));
    }
}
