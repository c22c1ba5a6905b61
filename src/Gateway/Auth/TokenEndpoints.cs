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
        TokenRequest request, AccountStore accounts, TokenIssuer tokens, IOptions<AuthOptions> options)
    {
        var errors = new ValidationErrors()
            .Text(request.Username, "username", 100)
            .Text(request.Password, "password", 200);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (accounts.Authenticate(request.Username!, request.Password!) is not { } account)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown user or wrong password.");
        }

        var token = tokens.Issue(account.Username, account.Role, account.Language, options.Value.AccessTokenLifetime);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, token.ExpiresAt, account.Role, account.SubscriberId));
    }
}
