using System.Text;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary><c>it.artifact</c>: writes its <c>content</c> parameter as an artifact named <c>name</c> and outputs the artifact's id.</summary>
public sealed class ArtifactModule : IModule
{
    public const string Id = "it.artifact";

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create(Id, "Emit artifact")
        .Category("test")
        .Description("Stores `content` as an artifact called `name`.")
        .TextParameter("name", "Name", "artifact.txt")
        .TextParameter("content", "Content", "")
        .TextParameter("contentType", "Content type", "text/plain")
        .Output("artifactId", "Artifact id", ConnectionType.Text)
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(context.Param<string>("content") ?? ""));
        var artifact = await context.EmitArtifact(context.Param<string>("name") ?? "artifact.txt", context.Param<string>("contentType") ?? "text/plain", content);
        return ModuleResult.From(new Dictionary<string, object?> { ["artifactId"] = artifact.ArtifactId });
    }
}
