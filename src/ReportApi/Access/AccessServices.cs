namespace Analytics.ReportApi.Access;

/// <summary>The wiring of keys and roles into the service.</summary>
internal static class AccessServices
{
    /// <summary>Registers the key start-up; call before the warehouse start-up, which may load the demo.</summary>
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<KeyStartup>();
        return builder;
    }

    /// <summary>The access check and the sign-in pages. Call first, so no middleware serves anything before it.</summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseMiddleware<AccessMiddleware>();
        app.MapSignIn();
        return app;
    }
}
