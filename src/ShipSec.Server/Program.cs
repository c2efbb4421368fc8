using ShipSec.Activities.Core;
using ShipSec.Activities.Recon;
using ShipSec.Activities.Testing;
using ShipSec.Activities.Web;
using ShipSec.Runtime;
using ShipSec.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddShipSecRuntime();
builder.AddShipSecApi();
builder.Services.AddCoreModules().AddReconModules().AddWebModules().AddTestModules();

var app = builder.Build();
app.MapShipSecApi();
app.Run();

/// <summary>The server's entry point (public so integration tests can host it).</summary>
public partial class Program;
