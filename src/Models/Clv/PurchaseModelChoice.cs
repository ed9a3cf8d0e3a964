namespace Analytics.Models.Clv;

/// <summary>
/// BG/NBD against Pareto/NBD on a book's own holdout: both fitted on the orders up to <paramref name="CalibrationEnd"/>,
/// each account's expected purchases over the <paramref name="HoldoutDays"/> after it compared with the purchases it
/// made; the lower mean absolute error per account serves (a tie keeps BG/NBD, the simpler to fit).
/// </summary>
public sealed record PurchaseModelChoice(
    DateOnly CalibrationEnd,
    int HoldoutDays,
    int Accounts,
    double ActualPurchases,
    double BgNbdExpected,
    double BgNbdMae,
    double ParetoNbdExpected,
    double ParetoNbdMae,
    string Chosen);
