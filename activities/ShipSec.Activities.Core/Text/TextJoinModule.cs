using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Core.Text;

/// <summary><c>core.text.join</c>: turns a list back into text, one item per line by default.</summary>
public sealed class TextJoinModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("core.text.join", "Join text")
        .Category("transform")
        .Description("Joins a list into text with a separator (a new line by default). Text items are used as they are, numbers and booleans as written, objects as compact JSON; null items are skipped.")
        .Input("items", "Items", ConnectionType.ListOf(ConnectionType.Any), required: true, "The list to join.")
        .Output("text", "Text", ConnectionType.Text)
        .TextParameter("separator", "Separator", "\n", @"Placed between items, e.g. \n (default), "", "" or \t.")
        .Build();

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var items = context.Input<List<JsonElement>>("items")
            ?? throw new ModuleException(ModuleErrorKind.Validation, "Input 'items' is required: connect a list to it.");
        var separator = Separator.Parse(context.Param<string>("separator") ?? "\n");

        var parts = items.Where(item => item.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined).Select(AsText).ToList();
        context.Log($"joined {parts.Count} items");
        return Task.FromResult(ModuleResult.From(new Dictionary<string, object?> { ["text"] = string.Join(separator, parts) }));
    }

    private static string AsText(JsonElement item) =>
        item.ValueKind == JsonValueKind.String ? item.GetString()! : JsonSerializer.Serialize(item);
}
