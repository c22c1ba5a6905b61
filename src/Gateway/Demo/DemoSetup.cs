using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Demo;

public static class DemoSetup
{
    /// <summary>Runs the demo scenario when <c>--demo</c> (or <c>Demo:Enabled</c>) is set.</summary>
    public static WebApplicationBuilder AddEarlyWarningDemo(this WebApplicationBuilder builder, bool demo)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .PostConfigure(o => o.Enabled |= demo)
            .Validate(o => o.PublicSubscribers is >= 0 and <= 100_000, "Demo:PublicSubscribers must be 0 to 100000.")
            .Validate(o => o.StepInterval > TimeSpan.Zero, "Demo:StepInterval must be positive.")
            .ValidateOnStart();
        var enabled = demo || builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:Enabled");
        if (enabled)
        {
            RefuseWhereItWouldReachRealPeople(builder);
            builder.Services.AddSingleton<DemoScenario>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoScenario>());
        }

        return builder;
    }

    /// <summary>
    /// The demo seeds simulated subscribers, opens a case and enables the demo accounts: in a
    /// cluster it would do so in whatever cluster the gateway joined, alongside real cases.
    /// </summary>
    private static void RefuseWhereItWouldReachRealPeople(WebApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        if (!orleans.IsEmbedded)
        {
            throw new InvalidOperationException(
                "--demo runs only in embedded mode: in client mode it would open a demo case and seed simulated subscribers in the cluster this gateway joined.");
        }

        if (!builder.Environment.IsDevelopment() && !builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.AllowOutsideDevelopment)}"))
        {
            throw new InvalidOperationException(
                $"--demo is refused outside Development (environment '{builder.Environment.EnvironmentName}'): it enables the demo accounts. "
                + "Set Demo:AllowOutsideDevelopment=true for a training deployment.");
        }
    }
}
