using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Core.Text;

/// <summary><c>core.text.split</c>: turns text (e.g. a list of domains, one per line) into a list of items.</summary>
public sealed class TextSplitModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("core.text.split", "Split text")
        .Category("transform")
        .Description("Splits text into a list of items on a separator (one item per line by default), trimming items and dropping empty ones unless told not to.")
        .Input("text", "Text", ConnectionType.Text, required: true, "The text to split.")
        .Output("items", "Items", ConnectionType.ListOf(ConnectionType.Text))
        .Output("count", "Count", ConnectionType.Number)
        .TextParameter("separator", "Separator", "\n", @"Where to split, e.g. \n (default, also splits \r\n), "","" or \t.")
        .BooleanParameter("trim", "Trim items", true, "Remove surrounding white space from each item.")
        .BooleanParameter("removeEmpty", "Remove empty items", true, "Drop items that are empty (after trimming).")
        .Build();

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var text = context.Input<string>("text")
            ?? throw new ModuleException(ModuleErrorKind.Validation, "Input 'text' is required: connect it or set it as an input override.");
        var separator = Separator.Parse(context.Param<string>("separator") ?? "\n");
        if (separator.Length == 0)
            throw new ModuleException(ModuleErrorKind.Validation, "'separator' must not be empty.");
        var trim = context.Param<bool>("trim");
        var removeEmpty = context.Param<bool>("removeEmpty");

        string[] separators = separator == "\n" ? ["\r\n", "\n"] : [separator];
        IEnumerable<string> items = text.Split(separators, StringSplitOptions.None);
        if (trim) items = items.Select(item => item.Trim());
        if (removeEmpty) items = items.Where(item => item.Length > 0);
        var list = items.ToList();

        context.Log($"split {text.Length} characters into {list.Count} items");
        return Task.FromResult(ModuleResult.From(new Dictionary<string, object?> { ["items"] = list, ["count"] = list.Count }));
    }
}
