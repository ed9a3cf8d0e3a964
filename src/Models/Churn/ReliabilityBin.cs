namespace Analytics.Models.Churn;

/// <summary>One tenth of the probability range: how many accounts were given a probability in it, their mean probability, and how many churned.</summary>
public sealed record ReliabilityBin(double From, double To, int Accounts, double MeanProbability, double ChurnRate);
