using ShipSec.Modules.Containers;

namespace ShipSec.Runtime.Containers;

/// <summary>Chooses the image a spec runs: the operator's override for its key, else the local stand-in when preferred, else the published image.</summary>
public static class ImageSelection
{
    public static string For(ContainerSpec spec, DockerOptions options)
    {
        if (spec.ImageKey is { } key && options.Images.TryGetValue(key, out var overridden) && !string.IsNullOrWhiteSpace(overridden))
            return overridden;
        if (options.PreferLocalImages && !string.IsNullOrWhiteSpace(spec.LocalImage))
            return spec.LocalImage;
        return spec.Image;
    }

    /// <summary>The reference to pull: one without a tag or digest gets <c>:latest</c> (the API would otherwise pull every tag).</summary>
    public static string PullReference(string image)
    {
        var name = image[(image.LastIndexOf('/') + 1)..];
        return name.Contains('@') || name.Contains(':') ? image : image + ":latest";
    }
}
