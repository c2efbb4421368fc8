using System.Text;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary><c>it.text-artifact</c>: emits its <c>content</c> parameter as a text artifact called <c>name</c>.</summary>
public sealed class TextArtifactModule : IModule
{
    public const string Id = "it.text-artifact";

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create(Id, "Text artifact")
        .Category("test")
        .Description("Emits content as an artifact called name.")
        .TextParameter("name", "Name", "artifact.txt")
        .TextParameter("content", "Content", "")
        .Output("artifactId", "Artifact id", ConnectionType.Text)
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(context.Param<string>("content")!));
        var artifact = await context.EmitArtifact(context.Param<string>("name")!, "text/plain", content);
        return ModuleResult.From(new Dictionary<string, object?> { ["artifactId"] = artifact.ArtifactId });
    }
}
