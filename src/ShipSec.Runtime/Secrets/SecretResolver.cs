using System.Text.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Modules;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// Turns the secret references an attempt carries (values of <c>secret</c> parameters and secret-typed input ports:
/// secret ids, or names) into the values, inside the worker, just before the module runs. Nothing resolved here is
/// ever written back: the run state, messages and trace keep the references.
/// </summary>
public sealed class SecretResolver(SecretVault vault)
{
    public async Task<ResolvedSecrets> ResolveAsync(IModule module, IReadOnlyDictionary<string, JsonElement> parameters,
        IReadOnlyDictionary<string, JsonElement> inputs, CancellationToken cancellationToken)
    {
        var secretParams = module.Descriptor.Parameters.Where(p => p.Type == "secret").Select(p => p.Id).ToList();
        var secretInputs = ModuleSecrets.PortsOf(module, parameters).Inputs.Where(SecretMask.IsSecret).Select(p => p.Id).ToList();

        var references = References(parameters, secretParams).Concat(References(inputs, secretInputs)).Select(r => r.Reference)
            .Distinct(StringComparer.Ordinal).ToList();
        if (references.Count == 0) return new ResolvedSecrets(parameters, inputs, [], null);

        IReadOnlyDictionary<string, string> values;
        try
        {
            values = await vault.RevealAsync(references, cancellationToken);
        }
        catch (SecretUnreadableException e)
        {
            return new ResolvedSecrets(parameters, inputs, [], Error(NodeErrorTypes.Configuration, e.Message));
        }

        // The reference is not repeated: a value typed where an id belongs would otherwise be shown.
        var missing = References(parameters, secretParams).Where(r => !values.ContainsKey(r.Reference)).Select(r => $"Parameter '{r.Id}'")
            .Concat(References(inputs, secretInputs).Where(r => !values.ContainsKey(r.Reference)).Select(r => $"Input '{r.Id}'"))
            .FirstOrDefault();
        if (missing is not null)
        {
            return new ResolvedSecrets(parameters, inputs, [], Error(NodeErrorTypes.NotFound,
                $"{missing} refers to a secret that does not exist (no secret has that id or name); create it with POST /api/v1/secrets or choose another."));
        }

        return new ResolvedSecrets(
            Substitute(parameters, secretParams, values),
            Substitute(inputs, secretInputs, values),
            values.Values.Distinct(StringComparer.Ordinal).ToList(),
            null);
    }

    private static IEnumerable<(string Id, string Reference)> References(IReadOnlyDictionary<string, JsonElement> values, IEnumerable<string> ids) =>
        ids.Select(id => (id, value: values.GetValueOrDefault(id)))
            .Where(x => x.value.ValueKind == JsonValueKind.String && x.value.GetString()!.Length > 0)
            .Select(x => (x.id, x.value.GetString()!));

    private static Dictionary<string, JsonElement> Substitute(IReadOnlyDictionary<string, JsonElement> values, List<string> ids,
        IReadOnlyDictionary<string, string> secrets)
    {
        var result = new Dictionary<string, JsonElement>(values, StringComparer.Ordinal);
        foreach (var (id, reference) in References(values, ids)) result[id] = JsonSerializer.SerializeToElement(secrets[reference]);
        return result;
    }

    private static NodeError Error(string type, string message) => new() { Type = type, Message = message, Retryable = false };
}

/// <summary>An attempt's parameters and inputs with secret references replaced by values, the values (to mask), or why resolution failed.</summary>
public sealed record ResolvedSecrets(
    IReadOnlyDictionary<string, JsonElement> Params,
    IReadOnlyDictionary<string, JsonElement> Inputs,
    IReadOnlyList<string> Values,
    NodeError? Error);
