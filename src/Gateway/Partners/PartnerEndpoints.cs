using System.Security.Claims;
using EarlyWarning.Domain.Partners;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Partners;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Partners;

/// <summary>
/// Partner webhooks, supervisors only: register a partner's endpoint, list and remove them, and see
/// every delivery attempt. The secret is taken once and never shown again.
/// </summary>
public static class PartnerEndpoints
{
    public static RouteGroupBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/partners").WithTags("Partner webhooks").RequireAuthorization(Policies.Supervisor);
        partners.MapPost("/", Register);
        partners.MapGet("/", List);
        partners.MapDelete("/{partnerId}", Remove);
        partners.MapGet("/{partnerId}/deliveries", Deliveries);
        return partners;
    }

    public static async Task<Results<Created<PartnerView>, ValidationProblem>> Register(
        RegisterPartnerRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<PartnerOptions> options,
        [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        var (errors, countries, languages) = PartnerValidation.Validate(request, options.Value.AllowedHosts);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var profile = new PartnerProfile(
            PartnerId.New().Value, request.Name!.Trim(), request.Url!, countries, languages, clock.GetUtcNow(), user.Identity?.Name ?? "supervisor");
        // The partner grain first: a directory line never names a partner that cannot be sent to.
        await grains.GetGrain<IPartnerGrain>(profile.Id).Register(new PartnerRegistration(profile, request.Secret!));
        await grains.GetGrain<IPartnerDirectoryGrain>(0).Upsert(profile);
        return TypedResults.Created($"/api/partners/{profile.Id}", PartnerView.From(profile));
    }

    public static async Task<Ok<PartnerView[]>> List(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IPartnerDirectoryGrain>(0).List()).Select(PartnerView.From).ToArray());

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(string partnerId, IGrainFactory grains)
    {
        if (!PartnerId.TryParse(partnerId, out _))
        {
            return NotFound();
        }

        // The directory first: the fan-out stops offering to it before its outbox is emptied.
        var listed = await grains.GetGrain<IPartnerDirectoryGrain>(0).Remove(partnerId);
        var known = await grains.GetGrain<IPartnerGrain>(partnerId).Remove();
        return listed || known ? TypedResults.NoContent() : NotFound();
    }

    public static async Task<Results<Ok<DeliveryView[]>, ProblemHttpResult>> Deliveries(string partnerId, IGrainFactory grains)
    {
        if (!PartnerId.TryParse(partnerId, out _) || await grains.GetGrain<IPartnerGrain>(partnerId).GetDeliveries() is not { } attempts)
        {
            return NotFound();
        }

        return TypedResults.Ok(attempts.Select(DeliveryView.From).ToArray());
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Partner not found.", detail: "No partner has this id.");
}
