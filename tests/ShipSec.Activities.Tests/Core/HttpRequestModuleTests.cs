using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Core;
using ShipSec.Activities.Core.Http;
using ShipSec.Activities.Tests.Support;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Core;

public class HttpRequestModuleTests
{
    private TestWebServer _server = null!;
    private ServiceProvider _services = null!;
    private IModule _module = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await TestWebServer.Start(app =>
        {
            app.MapGet("/api/info", () => Results.Json(new { name = "shipsec", ports = new[] { 80, 443 } }));
            app.MapGet("/text", () => Results.Text("plain words", "text/plain"));
            app.MapPost("/echo", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                return Results.Json(new
                {
                    method = request.Method,
                    contentType = request.ContentType,
                    token = request.Headers["X-Token"].ToString(),
                    body = await reader.ReadToEndAsync(),
                });
            });
            app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", statusCode: code));
            app.MapGet("/slow", async (HttpContext http) =>
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return Results.Ok();
            });
        });
        _services = new ServiceCollection().AddCoreModules().BuildServiceProvider();
        _module = _services.GetServices<IModule>().OfType<HttpRequestModule>().Single();
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Test]
    public async Task Request_outputs_status_headers_and_parsed_json_data()
    {
        var context = TestModuleContext.For(_module, parameters: new { url = Url("api/info") });

        var result = await context.Run();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output<int>("status"), Is.EqualTo(200));
            Assert.That(result.Output<string>("statusText"), Is.EqualTo("OK"));
            Assert.That(result.Output<Dictionary<string, string>>("headers")["content-type"], Does.StartWith("application/json"));
            Assert.That(result.Outputs["data"].GetProperty("name").GetString(), Is.EqualTo("shipsec"));
            Assert.That(result.Outputs["data"].GetProperty("ports")[1].GetInt32(), Is.EqualTo(443));
            Assert.That(result.Output<string>("rawBody"), Does.Contain("\"shipsec\""));
        });
    }

    [Test]
    public async Task Request_outputs_a_text_body_as_text_data()
    {
        var context = TestModuleContext.For(_module, parameters: new { url = Url("text") });

        var result = await context.Run();

        Assert.That(result.Outputs["data"].GetString(), Is.EqualTo("plain words"));
    }

    [Test]
    public async Task Request_sends_method_headers_and_a_json_body_wired_as_inputs()
    {
        var context = TestModuleContext.For(_module,
            inputs: new { url = Url("echo"), headers = new Dictionary<string, string> { ["X-Token"] = "abc" }, body = "{\"q\":1}" },
            parameters: new { method = "post" });

        var result = await context.Run();

        var echo = result.Outputs["data"];
        Assert.That(echo.GetProperty("method").GetString(), Is.EqualTo("POST"));
        Assert.That(echo.GetProperty("token").GetString(), Is.EqualTo("abc"));
        Assert.That(echo.GetProperty("contentType").GetString(), Does.StartWith("application/json"));
        Assert.That(echo.GetProperty("body").GetString(), Is.EqualTo("{\"q\":1}"));
    }

    [Test]
    public async Task Request_treats_an_error_status_as_a_normal_output_by_default()
    {
        var context = TestModuleContext.For(_module, parameters: new { url = Url("status/404") });

        var result = await context.Run();

        Assert.That(result.Output<int>("status"), Is.EqualTo(404));
        Assert.That(result.Outputs["data"].GetString(), Is.EqualTo("status 404"));
    }

    [TestCase(404, ModuleErrorKind.NotFound, false)]
    [TestCase(503, ModuleErrorKind.Service, true)]
    [TestCase(429, ModuleErrorKind.RateLimit, true)]
    [TestCase(400, ModuleErrorKind.Http, false)]
    public async Task Request_with_failOnHttpError_fails_with_a_kind_that_says_whether_a_retry_helps(int status, ModuleErrorKind kind, bool retryable)
    {
        var context = TestModuleContext.For(_module, parameters: new { url = Url($"status/{status}"), failOnHttpError = true });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(kind));
        Assert.That(error.Retryable, Is.EqualTo(retryable));
        Assert.That(error.Details!.Value.GetProperty("status").GetInt32(), Is.EqualTo(status));
    }

    [Test]
    public async Task Request_to_a_closed_port_is_a_retryable_network_error()
    {
        var context = TestModuleContext.For(_module, parameters: new { url = $"http://127.0.0.1:{TestWebServer.ClosedPort()}/" });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Network));
        Assert.That(error.Retryable, Is.True);
    }

    [Test]
    public async Task Request_that_does_not_answer_in_time_is_a_retryable_timeout()
    {
        var context = TestModuleContext.For(_module, parameters: new { url = Url("slow"), timeoutSeconds = 1 });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Timeout));
        Assert.That(error.Retryable, Is.True);
    }

    [TestCase("ftp://127.0.0.1/file")]
    [TestCase("not a url")]
    [TestCase("")]
    public async Task Request_without_an_http_url_is_a_validation_error(string url)
    {
        var context = TestModuleContext.For(_module, parameters: new { url });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    private string Url(string path) => new Uri(_server.Http, path).ToString();
}
