namespace Analytics.ReportApi.Campaigns;

/// <summary>The wiring of targets, campaigns and the OpenAPI description of the REST endpoints.</summary>
internal static class CampaignServices
{
    public static WebApplicationBuilder AddCampaigns(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>/api/targets, /api/campaigns, and /openapi/v1.json describing them.</summary>
    public static WebApplication MapCampaigns(this WebApplication app)
    {
        app.MapOpenApi();
        CampaignEndpoints.MapCampaigns(app);
        return app;
    }
}
