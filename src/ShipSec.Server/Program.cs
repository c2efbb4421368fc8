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

var builder = WebApplication.CreateBuilder(args);
builder.AddShipSecRuntime();
builder.AddShipSecApi();
builder.Services.AddDockerRunner(builder.Configuration);
builder.Services
    .AddCoreModules().AddReconModules().AddWebModules().AddTestModules()
    .AddNetworkModules().AddTlsModules().AddVulnModules().AddWebContainerModules().AddReconContainerModules();

var app = builder.Build();
app.MapShipSecApi();
app.MapShipSecStudio();
app.Run();

/// <summary>The server's entry point (public so integration tests can host it).</summary>
public partial class Program;
