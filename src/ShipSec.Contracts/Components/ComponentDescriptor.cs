using System.Text.Json;

namespace ShipSec.Contracts.Components;

/// <summary>What a module is and takes, as served by <c>GET /components</c> and checked by the compiler.</summary>
public sealed record ComponentDescriptor
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Category { get; init; } = "";
    public string Description { get; init; } = "";
    public string Version { get; init; } = "1.0.0";
    public List<PortDescriptor> Inputs { get; init; } = [];
    public List<PortDescriptor> Outputs { get; init; } = [];
    public List<ParameterDescriptor> Parameters { get; init; } = [];
    public RunnerDescriptor Runner { get; init; } = RunnerDescriptor.Inline;
    /// <summary>Default node timeout when the node does not set one.</summary>
    public int? DefaultTimeoutSeconds { get; init; }
}

/// <summary>An input or output port.</summary>
public sealed record PortDescriptor
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    public ConnectionType ConnectionType { get; init; } = ConnectionType.Any;
    public bool Required { get; init; }
    public string? Description { get; init; }
    /// <summary>On outputs: a branch port, followed only when the module activates it.</summary>
    public bool IsBranching { get; init; }
}

/// <summary>Type of the values a port carries (ShipSec's connectionType).</summary>
public sealed record ConnectionType
{
    /// <summary><c>primitive</c>, <c>list</c>, <c>map</c>, <c>contract</c> or <c>any</c>.</summary>
    public string Kind { get; init; } = "any";
    /// <summary>For primitives: <c>text</c>, <c>number</c>, <c>boolean</c>, <c>json</c>, <c>secret</c>, <c>file</c>; for contracts: the contract name.</summary>
    public string? Name { get; init; }
    /// <summary>Element type of a list or map.</summary>
    public ConnectionType? Element { get; init; }

    public static ConnectionType Any { get; } = new() { Kind = "any" };
    public static ConnectionType Text { get; } = Primitive("text");
    public static ConnectionType Number { get; } = Primitive("number");
    public static ConnectionType Boolean { get; } = Primitive("boolean");
    public static ConnectionType Json { get; } = Primitive("json");
    public static ConnectionType Secret { get; } = Primitive("secret");
    public static ConnectionType File { get; } = Primitive("file");
    public static ConnectionType Primitive(string name) => new() { Kind = "primitive", Name = name };
    public static ConnectionType ListOf(ConnectionType element) => new() { Kind = "list", Element = element };
    public static ConnectionType MapOf(ConnectionType element) => new() { Kind = "map", Element = element };
    public static ConnectionType Contract(string name) => new() { Kind = "contract", Name = name };

    /// <summary>Whether a value of this type may feed a port of type <paramref name="target"/>.</summary>
    public bool CanFeed(ConnectionType target)
    {
        if (Kind == "any" || target.Kind == "any") return true;
        if (target.Kind == "primitive" && target.Name == "json") return true;
        if (Kind == "primitive" && Name == "json") return true;
        if (Kind != target.Kind) return false;
        return Kind switch
        {
            "primitive" => Name == target.Name || (target.Name == "text" && Name is "number" or "boolean"),
            "contract" => Name == target.Name,
            _ => (Element ?? Any).CanFeed(target.Element ?? Any),
        };
    }

    public override string ToString() => Kind switch
    {
        "primitive" or "contract" => Name ?? Kind,
        "list" or "map" => $"{Kind}<{Element ?? Any}>",
        _ => Kind,
    };
}

/// <summary>A configuration parameter of a module.</summary>
public sealed record ParameterDescriptor
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    /// <summary><c>text</c>, <c>textarea</c>, <c>number</c>, <c>boolean</c>, <c>select</c>, <c>multi-select</c>, <c>json</c>, <c>secret</c>, <c>list</c>.</summary>
    public string Type { get; init; } = "text";
    public bool Required { get; init; }
    public JsonElement? Default { get; init; }
    public string? Description { get; init; }
    public List<ParameterOption>? Options { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
}

/// <summary>One choice of a select parameter.</summary>
public sealed record ParameterOption(string Label, string Value);

/// <summary>Where a module runs: in the worker process, or in a Docker container.</summary>
public sealed record RunnerDescriptor
{
    /// <summary><c>inline</c> or <c>docker</c>.</summary>
    public string Kind { get; init; } = "inline";
    public string? Image { get; init; }
    public string? Network { get; init; }

    public static RunnerDescriptor Inline { get; } = new();
}
