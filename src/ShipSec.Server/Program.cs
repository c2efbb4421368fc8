using ShipSec.Activities.Core;
using ShipSec.Activities.Network;
using ShipSec.Activities.Recon;
using ShipSec.Activities.Testing;
using ShipSec.Activities.Tls;
using ShipSec.Activities.Vuln;
using ShipSec.Activities.Web;
using ShipSec.Runtime;
using ShipSec.Runtime.Containers;
using ShipSec.Server;
using ShipSec.Server.Auth;

var command = ApiKeyCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command?.ConfigurationArgs ?? args);
builder.AddShipSecRuntime();
builder.AddShipSecApi();
builder.AddShipSecStudio();
builder.Services.AddDockerRunner(builder.Configuration);
builder.Services
    .AddCoreModules().AddReconModules().AddWebModules().AddTestModules()
    .AddNetworkModules().AddTlsModules().AddVulnModules().AddWebContainerModules().AddReconContainerModules();

var app = builder.Build();
if (command is not null) return await command.RunAsync(app.Services);
app.MapShipSecApi();
app.MapShipSecStudio();
app.Run();
return 0;

/// <summary>The server's entry point (public so integration tests can host it).</summary>
public partial class Program;
