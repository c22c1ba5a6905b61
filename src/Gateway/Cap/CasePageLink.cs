namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// The absolute URL of a case's public page, <c>/c/{id}</c>: under <c>Pages:PublicBaseUrl</c> when
/// configured (the address people know, behind whatever proxy), else under the request's own.
/// </summary>
public static class CasePageLink
{
    public const string BaseUrlSetting = "Pages:PublicBaseUrl";

    public static string For(string caseId, HttpRequest request, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[BaseUrlSetting];
        var baseUrl = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return $"{baseUrl}/c/{Uri.EscapeDataString(caseId)}";
    }
}
