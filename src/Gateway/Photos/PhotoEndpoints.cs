using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Photos;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// Hosted photos: the control room uploads one for a case; anyone holding its (unguessable) URL
/// sees it while the case is active; once resolved it answers 410 to all but the control room.
/// </summary>
public static class PhotoEndpoints
{
    public static IEndpointRouteBuilder MapPhotos(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{id}/photo", Upload).WithTags("Cases")
            .RequireAuthorization(Policies.ControlRoom).RequireWellFormedIds();
        var photos = app.MapGroup(PhotoUrls.Prefix.TrimEnd('/')).WithTags("Photos").AllowAnonymous();
        photos.MapGet("/{photoId}", (string photoId, HttpContext http, IPhotoStore store, IGrainFactory grains, IOptions<PhotoOptions> options) =>
            Serve(photoId, PhotoSize.Phone, http, store, grains, options.Value));
        photos.MapGet("/{photoId}/map", (string photoId, HttpContext http, IPhotoStore store, IGrainFactory grains, IOptions<PhotoOptions> options) =>
            Serve(photoId, PhotoSize.Map, http, store, grains, options.Value));
        return app;
    }

    public static async Task<IResult> Upload(
        string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IPhotoStore store, PhotoProcessor processor,
        IOptions<PhotoOptions> options, [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken cancellationToken)
    {
        var caseGrain = grains.GetGrain<ICaseGrain>(id);
        var before = await caseGrain.GetCase();
        if (before is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found.", detail: $"No case has id '{id}'.");
        }

        if (before.Status == CaseStatus.Resolved)
        {
            return Resolved();
        }

        var (data, readProblem) = await PhotoUploadReader.Read(request, options.Value.MaxBytes, cancellationToken);
        if (data is null)
        {
            return readProblem!.ToResult();
        }

        var (photo, problem) = await processor.Process(data, cancellationToken);
        if (photo is null)
        {
            return problem!.ToResult();
        }

        var photoId = PhotoUrls.NewId();
        var stored = new StoredPhoto(id, PhotoFormat.Jpeg, photo.Phone, photo.Map, photo.Width, photo.Height, Sha1(photo.Phone), clock.GetUtcNow());
        // Noted in the case before the bytes are stored: whatever fails after, the purge deletes them.
        if (!await caseGrain.ExpectPhoto(photoId))
        {
            return Resolved();
        }

        await store.Save(photoId, stored);
        CaseCommandResult result;
        try
        {
            result = await caseGrain.SetPhoto(PhotoUrls.For(photoId), user.Identity?.Name ?? "unknown");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No copy of the child is left that nothing names, unless the case took it after all (a
            // call that timed out may have been carried out): then it is the case's photo.
            if (await NamedByCase(caseGrain, photoId) is false)
            {
                await store.Delete(photoId);
            }

            throw;
        }

        if (result.Refusal != CaseRefusal.None)
        {
            // Resolved meanwhile: nothing is left half-stored.
            await store.Delete(photoId);
            return Resolved();
        }

        // The photo it replaced is the case's to delete (CaseGrain.SetPhoto), stored as owed with the change.
        return TypedResults.Created(PhotoUrls.For(photoId), new PhotoView(
            PhotoUrls.For(photoId), PhotoUrls.MapFor(photoId), stored.ContentType, stored.Width, stored.Height, stored.Phone.LongLength, stored.Sha1));
    }

    /// <summary>
    /// A photo's bytes. While its case is active anyone may load it (the URL is the secret) and a
    /// browser may keep it privately for a while (it never changes: a new photo gets a new URL);
    /// shared caches may not, so a resolve is not outlived by a proxy's copy. Once resolved it is
    /// 410 Gone within the time the resolve takes to be stored, except for operators and supervisors.
    /// </summary>
    private static async Task<IResult> Serve(string photoId, PhotoSize size, HttpContext http, IPhotoStore store, IGrainFactory grains, PhotoOptions options)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!PhotoUrls.IsPhotoId(photoId) || await store.Read(photoId, size) is not { } content)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Photo not found.");
        }

        var controlRoom = http.User.IsInRole(Roles.Operator) || http.User.IsInRole(Roles.Supervisor);
        var active = await grains.GetGrain<ICaseGrain>(content.CaseId).IsAlerting();
        if (!active && !controlRoom)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The photo was withdrawn.", detail: "The case it belonged to is closed.");
        }

        http.Response.Headers.CacheControl = active
            ? $"private, max-age={((int)options.BrowserCacheAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)}, immutable"
            : "private, no-store";
        http.Response.Headers.Vary = "Authorization";
        return TypedResults.Bytes(content.Bytes, content.ContentType);
    }

#pragma warning disable CA5350 // CAP 1.2's resource digest is SHA-1 by definition: an integrity check, not a signature.
    private static string Sha1(byte[] data) => Convert.ToHexStringLower(SHA1.HashData(data));
#pragma warning restore CA5350

    /// <summary>Whether the case now shows this photo; null when the case cannot say either.</summary>
    private static async Task<bool?> NamedByCase(ICaseGrain caseGrain, string photoId)
    {
        try
        {
            return await caseGrain.GetCase() is { } now && PhotoUrls.IdOf(now.Child.PhotoUrl) == photoId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private static IResult Resolved() =>
        new PhotoProblem(StatusCodes.Status409Conflict, "The case is resolved.", "A resolved case takes no new photo.").ToResult();
}
