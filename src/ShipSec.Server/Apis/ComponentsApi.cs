using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Runtime.Errors;

namespace ShipSec.Server.Apis;

/// <summary><c>/components</c>: the installed modules' descriptors (the designer's palette).</summary>
public static class ComponentsApi
{
    public static RouteGroupBuilder MapComponentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/components").WithTags("Components");
        group.MapGet("/", List).WithName("listComponents");
        group.MapGet("/{id}", Get).WithName("getComponent");
        return group;
    }

    public static IResult List(ModuleCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<ComponentDescriptor>>(catalog.Descriptors.ToList());

    public static IResult Get(string id, ModuleCatalog catalog) =>
        TypedResults.Ok(catalog.Find(id)?.Descriptor ?? throw new NotFoundException($"Component '{id}' is not installed."));
}
