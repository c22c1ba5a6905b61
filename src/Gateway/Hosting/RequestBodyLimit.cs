namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The largest request body Kestrel takes: 64 KB, where its default is ~30 MB. Every JSON body here
/// is small (its longest texts are 2 048 characters), but the serializer holds a string token whole
/// before any length check runs, so an anonymous route (subscribing, signing in) would let each
/// caller make the gateway that carries the alerts hold tens of megabytes per request. The photo
/// upload raises the limit for its own requests (<c>PhotoUploadReader</c>); a longer body is 413.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>The limit, in bytes.</summary>
    public const long Bytes = 64 * 1024;

    /// <summary>Sets the limit on Kestrel.</summary>
    public static WebApplicationBuilder AddEarlyWarningRequestBodyLimit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Bytes);
        return builder;
    }
}
