using EarlyWarning.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Auth;

public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokens(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous();
        auth.MapPost("/token", IssueToken);
        return auth;
    }

    public static Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult> IssueToken(
        TokenRequest request, AccountStore accounts, TokenIssuer tokens, SignInGuard guard, HttpContext context, IOptions<AuthOptions> options)
    {
        var errors = new ValidationErrors()
            .Text(request.Username, "username", 100)
            .Text(request.Password, "password", 200);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // Checked before the password: a locked account is refused even the right one, and costs no hash.
        var (username, address) = (request.Username!, ClientPartition.KeyOf(context.Connection.RemoteIpAddress));
        if (guard.Refusal(username, address) is { } wait)
        {
            return RateLimiting.TooManyRequests(context.Response, wait, "Too many sign-in attempts for this account");
        }

        if (accounts.Authenticate(username, request.Password!) is not { } account)
        {
            guard.Failed(username, address);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown user or wrong password.");
        }

        guard.Succeeded(username, address);
        var token = tokens.Issue(account.Username, account.Role, account.Language, options.Value.AccessTokenLifetime, account.Stamp);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, token.ExpiresAt, account.Role, account.SubscriberId));
    }
}
