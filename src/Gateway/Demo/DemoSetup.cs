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
            builder.Services.AddSingleton<DemoScenario>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoScenario>());
        }

        return builder;
    }
}
