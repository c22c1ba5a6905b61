using EarlyWarning.Gateway.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace EarlyWarning.Gateway.Auth;

public static class AuthSetup
{
    public static WebApplicationBuilder AddEarlyWarningAuth(this WebApplicationBuilder builder, bool demo)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .PostConfigure(o => o.DemoAccounts = demo || builder.Environment.IsDevelopment())
            .Validate(o => o.Accounts.All(a => Roles.AccountRoles.Contains(a.Role)), "Auth:Accounts roles must be operator, supervisor or field.")
            .ValidateOnStart();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<AccountStore>();
        services.AddHostedService<RevokedConnections>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SubscriberStatus>();
        services.AddSingleton<SignInGuard>();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, Microsoft.Extensions.Options.IOptions<AuthOptions>>((jwt, keys, auth) =>
            {
                jwt.MapInboundClaims = false;
                // IdentityModel checks lifetimes against the system clock, and so does the cache.
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachedTokenValidation(TimeProvider.System));
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = keys.Key,
                    NameClaimType = TokenIssuer.NameClaim,
                    RoleClaimType = TokenIssuer.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };

                // Browsers cannot set headers on WebSockets: the hub takes the token from the query.
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            ctx.Token = token;
                        }

                        // The dashboard's page and its own requests: the supervisor's token from its cookie.
                        ctx.Token ??= OrleansDashboard.CookieToken(ctx.Request);

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = TokenChecks.Validate,
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ControlRoom, p => p.RequireRole(Roles.Operator, Roles.Supervisor))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(Policies.CaseReader, p => p.RequireRole(Roles.Operator, Roles.Supervisor, Roles.Field))
            .AddPolicy(Policies.AlertReceiver, p => p.RequireRole(Roles.Field, Roles.Subscriber));
        return builder;
    }
}
