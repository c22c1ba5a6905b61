using System.Xml.Linq;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.CasePages;
using EarlyWarning.Gateway.Photos;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Cap;

/// <summary>A case's current CAP message, the case it was built from, and when the message expires.</summary>
public sealed record CapRendered(CaseSnapshot Case, XDocument Message, DateTimeOffset Expires);

/// <summary>
/// The current CAP message of a public case, read from its grain: the one <c>GET /api/cap/{caseId}</c>
/// serves and partner webhooks carry, so the two cannot differ.
/// </summary>
public static class CapRendering
{
    /// <summary>
    /// Null for an unknown case or one that was never public. <paramref name="pageBase"/> is the base of
    /// the case page's URL (<c>web</c>), <paramref name="photoBase"/> of the hosted photo's (<c>resource</c>).
    /// </summary>
    public static async Task<CapRendered?> Current(string caseId, IGrainFactory grains, IPhotoStore photos, CapOptions options, string pageBase, string photoBase)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(photos);
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        var snapshot = await grain.GetCase();
        var timeline = snapshot is null ? [] : await grain.GetTimeline();
        if (snapshot is null || CapMessage.PublicSince(timeline) is null)
        {
            return null;
        }

        var photo = await PhotoResource(snapshot, photoBase, photos);
        return new CapRendered(snapshot, CapMessage.Build(snapshot, timeline, options, pageBase + CasePageUrls.PathFor(snapshot.Id), photo), CapMessage.Expires(snapshot, timeline, options));
    }

    /// <summary>The hosted photo of an active case as a CAP resource, with an absolute URI; null for none (or an outside URL).</summary>
    private static async Task<CapResource?> PhotoResource(CaseSnapshot snapshot, string photoBase, IPhotoStore photos)
    {
        if (snapshot.Status != CaseStatus.Active || PhotoUrls.IdOf(snapshot.Child.PhotoUrl) is not { } photoId
            || await photos.Describe(photoId) is not { } info)
        {
            return null;
        }

        return new CapResource("Photo of the missing child", info.ContentType, info.Size, photoBase + PhotoUrls.For(photoId), info.Sha1);
    }
}
