using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its browsable page (<c>/scalar</c>). Scalar's
/// scripts are served from its package and its cloud features are off, so the page works offline.
/// </summary>
public static class ApiReference
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string PagePath = "/scalar";
    private const string BearerScheme = "Bearer";

    public static WebApplicationBuilder AddEarlyWarningOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "EarlyWarning";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An accessToken from POST /api/auth/token, or a subscription token from POST /api/subscribers.",
                };
                return Task.CompletedTask;
            });

            // Only routes that need a token say so; anonymous ones stay open on the page.
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapEarlyWarningApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(PagePath, o => o
                .WithTitle("EarlyWarning API")
                .AddPreferredSecuritySchemes(BearerScheme)

                // Nothing on the page may reach Scalar's cloud: no CDN fonts, telemetry, AI agent, MCP or deploy toolbar.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous();
        return app;
    }
}
