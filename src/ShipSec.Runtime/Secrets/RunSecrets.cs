using System.Text.Json;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Inputs;
using ShipSec.Flowchart.State;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// The values of a run's secret runtime inputs — secret ids (resolved only by the worker), or a value given directly —
/// masked wherever they flow in traces and node-io.
/// </summary>
public static class RunSecrets
{
    public static IReadOnlyList<string> Of(WorkflowDefinition definition, RunState state)
    {
        IReadOnlyList<RuntimeInput> declared;
        try
        {
            declared = RuntimeInputs.Read(definition);
        }
        catch (GraphValidationException)
        {
            return [];
        }
        return declared.Where(i => i.Type == RuntimeInputType.Secret)
            .Select(i => state.Inputs.GetValueOrDefault(i.Id))
            .Where(v => v.ValueKind == JsonValueKind.String)
            .Select(v => v.GetString()!)
            .ToList();
    }
}
