namespace EarlyWarning.Gateway.Photos;

public static class PhotoSetup
{
    public static WebApplicationBuilder AddEarlyWarningPhotos(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PhotoOptions>().Bind(builder.Configuration.GetSection(PhotoOptions.Section))
            .Validate(o => o.MaxBytes > 0 && o.MaxPixels > 0 && o.PhoneMaxSide > 0 && o.MapMaxSide > 0 && o.JpegQuality is > 0 and <= 100,
                "Photos: sizes, limits and quality must be positive (quality at most 100).")
            .ValidateOnStart();
        builder.Services.AddSingleton<PhotoProcessor>();
        builder.Services.AddSingleton<IPhotoStore, GrainPhotoStore>();
        return builder;
    }
}
