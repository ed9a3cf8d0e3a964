namespace Analytics.Models.Clv;

/// <summary>
/// BG/NBD parameters: purchase rates are gamma(<paramref name="R"/>, <paramref name="Alpha"/>), dropout
/// probabilities beta(<paramref name="A"/>, <paramref name="B"/>); the summed log-likelihood at those values.
/// </summary>
public sealed record BgNbdFit(double R, double Alpha, double A, double B, double LogLikelihood);
