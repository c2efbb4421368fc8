using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Server.Auth;

/// <summary>
/// The <c>api-key create --name &lt;name&gt;</c>, <c>api-key list</c> and <c>api-key revoke &lt;id&gt;</c> verbs: manage keys in the
/// configured database (migrating it first, as startup would) without starting the web host. A created key is the only thing
/// written to standard output, so <c>KEY=$(… api-key create --name ci)</c> works; logs go to standard error.
/// </summary>
public sealed class ApiKeyCommand
{
    public const string Verb = "api-key";

    private const string Usage = "usage: ShipSec.Server api-key create --name <name> | api-key list | api-key revoke <id>  [configuration, e.g. --ShipSec:DataPath ./data]";

    private static readonly string[] QuietLogging =
    [
        "--Logging:Console:LogToStandardErrorThreshold=Trace",
        "--Logging:LogLevel:Default=Warning",
    ];

    private readonly string _action;
    private readonly string? _argument;
    private readonly string? _error;

    private ApiKeyCommand(string action, string? argument, string? error, string[] configurationArgs)
    {
        _action = action;
        _argument = argument;
        _error = error;
        ConfigurationArgs = configurationArgs;
    }

    /// <summary>The arguments left for the configuration (<c>--ShipSec:…</c> overrides), plus logging to standard error.</summary>
    public string[] ConfigurationArgs { get; }

    /// <summary>The command when <paramref name="args"/> start with <c>api-key</c>; null for a normal server start.</summary>
    public static ApiKeyCommand? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != Verb) return null;
        var action = args.Length > 1 ? args[1] : "";
        var rest = args.Skip(2).ToList();
        string? argument = null;
        string? error = null;
        switch (action)
        {
            case "create":
                var at = rest.IndexOf("--name");
                if (at >= 0 && at + 1 < rest.Count)
                {
                    argument = rest[at + 1];
                    rest.RemoveRange(at, 2);
                }
                else error = "api-key create needs --name <name>.";
                break;
            case "revoke":
                if (rest.Count == 0 || rest[0].StartsWith('-')) error = "api-key revoke needs the id of the key (see api-key list).";
                else
                {
                    argument = rest[0];
                    rest.RemoveAt(0);
                }
                break;
            case "list":
                break;
            default:
                error = action.Length == 0 ? "api-key needs an action." : $"'{action}' is not an api-key action.";
                break;
        }
        return new ApiKeyCommand(action, argument, error, [.. rest, .. QuietLogging]);
    }

    /// <summary>Runs the verb against the database of <paramref name="services"/>; returns the process exit code.</summary>
    public async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (_error is not null)
        {
            await Console.Error.WriteLineAsync($"{_error}\n{Usage}");
            return 2;
        }
        await ActivatorUtilities.CreateInstance<DatabaseMigrator>(services).StartAsync(cancellationToken);
        var keys = services.GetRequiredService<ApiKeyStore>();
        try
        {
            switch (_action)
            {
                case "create":
                    var created = await keys.CreateAsync(_argument, cancellationToken);
                    await Console.Out.WriteLineAsync(created.Key);
                    await Console.Error.WriteLineAsync($"Created API key {created.Id} ('{created.Name}'). It is shown only this once: store it now.");
                    break;
                case "revoke":
                    await keys.RevokeAsync(_argument!, cancellationToken);
                    await Console.Error.WriteLineAsync($"Revoked API key {_argument}.");
                    break;
                default:
                    foreach (var key in await keys.ListAsync(cancellationToken))
                    {
                        var state = key.RevokedAt is { } revoked ? $"revoked {revoked:u}" : "active";
                        var used = key.LastUsedAt is { } last ? $"last used {last:u}" : "never used";
                        await Console.Out.WriteLineAsync($"{key.Id}\t{key.Name}\tcreated {key.CreatedAt:u}\t{used}\t{state}");
                    }
                    break;
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidRequestException or NotFoundException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
