using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Json;

namespace ShipSec.Modules.Descriptors;

/// <summary>
/// Fluent declaration of a <see cref="ComponentDescriptor"/>: a module states its id, ports, parameters (with typed
/// defaults) and runner in one readable block, and <see cref="Build"/> checks the declaration is coherent.
/// </summary>
/// <example>
/// <code>
/// ComponentDescriptorBuilder.Create("core.text.split", "Split text")
///     .Category("transform")
///     .Description("Splits text into a list of items.")
///     .Input("text", "Text", ConnectionType.Text, required: true)
///     .Output("items", "Items", ConnectionType.ListOf(ConnectionType.Text))
///     .TextParameter("separator", "Separator", "\n")
///     .Build();
/// </code>
/// </example>
public sealed class ComponentDescriptorBuilder
{
    private readonly string _id;
    private readonly string _name;
    private string _category = "";
    private string _description = "";
    private string _version = "1.0.0";
    private readonly List<PortDescriptor> _inputs = [];
    private readonly List<PortDescriptor> _outputs = [];
    private readonly List<ParameterDescriptor> _parameters = [];
    private RunnerDescriptor _runner = RunnerDescriptor.Inline;
    private int? _defaultTimeoutSeconds;

    private ComponentDescriptorBuilder(string id, string name)
    {
        _id = id;
        _name = name;
    }

    /// <summary>Starts a descriptor for component <paramref name="id"/> (e.g. <c>recon.dns.resolve</c>) shown as <paramref name="name"/>.</summary>
    public static ComponentDescriptorBuilder Create(string id, string name) => new(id, name);

    /// <summary>Sets the palette category: <c>core</c>, <c>transform</c>, <c>recon</c>, <c>web</c>, <c>report</c>, <c>test</c>…</summary>
    public ComponentDescriptorBuilder Category(string category)
    {
        _category = category;
        return this;
    }

    /// <summary>Sets the one-paragraph description shown to workflow authors.</summary>
    public ComponentDescriptorBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the module version (default <c>1.0.0</c>).</summary>
    public ComponentDescriptorBuilder Version(string version)
    {
        _version = version;
        return this;
    }

    /// <summary>Declares an input port.</summary>
    public ComponentDescriptorBuilder Input(string id, string label, ConnectionType type, bool required = false, string? description = null)
    {
        _inputs.Add(new PortDescriptor { Id = id, Label = label, ConnectionType = type, Required = required, Description = description });
        return this;
    }

    /// <summary>Declares an output port; a <paramref name="branching"/> port is followed only when the module activates it.</summary>
    public ComponentDescriptorBuilder Output(string id, string label, ConnectionType type, string? description = null, bool branching = false)
    {
        _outputs.Add(new PortDescriptor { Id = id, Label = label, ConnectionType = type, Description = description, IsBranching = branching });
        return this;
    }

    /// <summary>Declares a text parameter (a <c>textarea</c> when <paramref name="multiline"/>).</summary>
    public ComponentDescriptorBuilder TextParameter(string id, string label, string? @default = null, string? description = null, bool required = false, bool multiline = false) =>
        Parameter(id, multiline ? "textarea" : "text", label, @default, description, required);

    /// <summary>Declares a number parameter with optional bounds.</summary>
    public ComponentDescriptorBuilder NumberParameter(string id, string label, double? @default = null, string? description = null, double? min = null, double? max = null, bool required = false) =>
        Parameter(id, "number", label, @default, description, required, min: min, max: max);

    /// <summary>Declares a boolean parameter.</summary>
    public ComponentDescriptorBuilder BooleanParameter(string id, string label, bool @default, string? description = null) =>
        Parameter(id, "boolean", label, @default, description, required: false);

    /// <summary>Declares a single-choice parameter; each option's value is also its label.</summary>
    public ComponentDescriptorBuilder SelectParameter(string id, string label, IEnumerable<string> options, string? @default = null, string? description = null) =>
        Parameter(id, "select", label, @default, description, required: false, options: options);

    /// <summary>Declares a multiple-choice parameter whose value is a list of option values.</summary>
    public ComponentDescriptorBuilder MultiSelectParameter(string id, string label, IEnumerable<string> options, IEnumerable<string>? @default = null, string? description = null) =>
        Parameter(id, "multi-select", label, @default?.ToArray(), description, required: false, options: options);

    /// <summary>Declares a free-form list-of-text parameter.</summary>
    public ComponentDescriptorBuilder ListParameter(string id, string label, IEnumerable<string>? @default = null, string? description = null) =>
        Parameter(id, "list", label, @default?.ToArray(), description, required: false);

    /// <summary>Declares a JSON parameter; <paramref name="default"/> is serialised with the contract options.</summary>
    public ComponentDescriptorBuilder JsonParameter(string id, string label, object? @default = null, string? description = null, bool required = false) =>
        Parameter(id, "json", label, @default, description, required);

    /// <summary>Declares a secret parameter (a secret reference, masked everywhere).</summary>
    public ComponentDescriptorBuilder SecretParameter(string id, string label, string? description = null, bool required = false) =>
        Parameter(id, "secret", label, null, description, required);

    /// <summary>Runs the module in a Docker container of <paramref name="image"/> (pinned tag or digest).</summary>
    public ComponentDescriptorBuilder RunsInDocker(string image, string? network = null)
    {
        _runner = new RunnerDescriptor { Kind = "docker", Image = image, Network = network };
        return this;
    }

    /// <summary>Sets the node timeout used when the workflow does not set one.</summary>
    public ComponentDescriptorBuilder DefaultTimeout(TimeSpan timeout)
    {
        _defaultTimeoutSeconds = (int)Math.Ceiling(timeout.TotalSeconds);
        return this;
    }

    /// <summary>Produces the descriptor; throws <see cref="InvalidOperationException"/> when the declaration is incoherent (a programming error).</summary>
    public ComponentDescriptor Build()
    {
        Require(!string.IsNullOrWhiteSpace(_id), "a component id");
        Require(!string.IsNullOrWhiteSpace(_name), $"a name for '{_id}'");
        Require(!string.IsNullOrWhiteSpace(_category), $"a category for '{_id}'");
        Require(!string.IsNullOrWhiteSpace(_description), $"a description for '{_id}'");
        RequireUnique(_inputs.Select(p => p.Id), "input");
        RequireUnique(_outputs.Select(p => p.Id), "output");
        RequireUnique(_parameters.Select(p => p.Id), "parameter");
        if (_runner.Kind == "docker")
            Require(!string.IsNullOrWhiteSpace(_runner.Image), $"an image for the Docker runner of '{_id}'");

        return new ComponentDescriptor
        {
            Id = _id,
            Name = _name,
            Category = _category,
            Description = _description,
            Version = _version,
            Inputs = [.. _inputs],
            Outputs = [.. _outputs],
            Parameters = [.. _parameters],
            Runner = _runner,
            DefaultTimeoutSeconds = _defaultTimeoutSeconds,
        };
    }

    private ComponentDescriptorBuilder Parameter(
        string id, string type, string label, object? @default, string? description, bool required,
        IEnumerable<string>? options = null, double? min = null, double? max = null)
    {
        _parameters.Add(new ParameterDescriptor
        {
            Id = id,
            Label = label,
            Type = type,
            Required = required,
            Default = @default is null ? null : JsonSerializer.SerializeToElement(@default, ShipSecJson.Options),
            Description = description,
            Options = options?.Select(o => new ParameterOption(o, o)).ToList(),
            Min = min,
            Max = max,
        });
        return this;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"A component descriptor needs {what}.");
    }

    private void RequireUnique(IEnumerable<string> ids, string kind)
    {
        var duplicate = ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Component '{_id}' declares the {kind} '{duplicate.Key}' twice.");
    }
}
