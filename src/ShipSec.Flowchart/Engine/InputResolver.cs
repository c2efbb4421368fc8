using System.Text.Json;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>Builds the inputs a node receives: literal overrides first, then values mapped from upstream outputs (the entry node gets the run's inputs).</summary>
public static class InputResolver
{
    /// <summary>Resolves the inputs of <paramref name="nodeId"/> from the run's current state; mappings whose source produced nothing are left out.</summary>
    public static Dictionary<string, JsonElement> Resolve(CompiledFlowchart flowchart, RunState state, string nodeId)
    {
        var action = flowchart.Actions[nodeId];
        var inputs = new Dictionary<string, JsonElement>(action.InputOverrides, StringComparer.Ordinal);
        if (nodeId == flowchart.EntrypointRef)
        {
            foreach (var (name, value) in state.Inputs)
                inputs[name] = value;
        }

        foreach (var (input, mapping) in action.InputMappings)
        {
            if (state.Nodes.TryGetValue(mapping.SourceRef, out var source) && ValueOf(source, mapping.SourceHandle) is { } value)
                inputs[input] = value;
        }

        return inputs;
    }

    private static JsonElement? ValueOf(NodeState source, string handle)
    {
        // An error edge carries the failure itself; a succeeded node's own "error" output is read like any other.
        if (handle == WellKnown.ErrorHandle && source.Status == NodeStatus.Failed)
            return source.LastError is null ? null : JsonSerializer.SerializeToElement(source.LastError, ShipSecJson.Options);
        if (source.Outputs is null)
            return null;
        if (handle == WellKnown.SelfHandle)
            return JsonSerializer.SerializeToElement(source.Outputs, ShipSecJson.Options);
        return source.Outputs.TryGetValue(handle, out var value) ? value : null;
    }
}
