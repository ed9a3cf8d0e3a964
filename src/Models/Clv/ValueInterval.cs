namespace Analytics.Models.Clv;

/// <summary>
/// One account's 90% intervals. <paramref name="ExpectedPurchasesLow"/>–<paramref name="ExpectedPurchasesHigh"/> and
/// <paramref name="ClvLow"/>–<paramref name="ClvHigh"/>: where the expectation and the CLV lie given the parameters'
/// uncertainty (parametric bootstrap). <paramref name="PurchasesLow"/>–<paramref name="PurchasesHigh"/>: where the
/// purchases the account will actually make lie (a predictive interval for the count: parameter draws, the account's
/// own rates and its purchase process all simulated); <paramref name="PurchasesContent"/> is the model's probability
/// of that interval, at least 0.90 and more where a few whole counts hold most of the mass (an account that will
/// very likely buy nothing gets 0–0 with a content near its P(no purchase)).
/// </summary>
public sealed record ValueInterval(
    double ExpectedPurchasesLow,
    double ExpectedPurchasesHigh,
    int PurchasesLow,
    int PurchasesHigh,
    double PurchasesContent,
    decimal ClvLow,
    decimal ClvHigh);
