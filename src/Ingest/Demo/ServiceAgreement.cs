namespace Analytics.Ingest.Demo;

/// <summary>
/// A framework agreement (框架协议) as the contracts export shows it. An auto-renewing agreement stays one
/// row with the end of its first term as end_date (its renewals follow from renewal_months, as the agreement
/// words them and the contract marts count them); one that does not auto-renew is re-signed as a new agreement,
/// so each of its terms is its own row and contract_id.
/// </summary>
internal sealed class ServiceAgreement(string id, DateOnly start, DateOnly end, bool autoRenew, decimal annualFee, int paymentTermsDays)
{
    public const int NoticeDays = 30;
    public const int RenewalMonths = 12;
    public const int MarginCapPct = 7;
    public const int PenaltyThresholdPct = 10;
    public const int ResponseHours = 2;
    public const int OnsiteHours = 4;

    public string Id { get; } = id;

    public DateOnly Start { get; } = start;

    /// <summary>The end of the current term.</summary>
    public DateOnly End { get; private set; } = end;

    /// <summary>The end of the first term: end_date in the export.</summary>
    public DateOnly FirstTermEnd { get; } = end;

    public bool AutoRenew { get; } = autoRenew;

    public decimal AnnualFee { get; } = annualFee;

    public int PaymentTermsDays { get; } = paymentTermsDays;

    /// <summary>Set when the agreement ended before its term did (the customer left mid-term).</summary>
    public DateOnly? TerminatedOn { get; private set; }

    /// <summary>The customer gave notice: the agreement ends with its current term.</summary>
    public bool Ending { get; private set; }

    public DateOnly LastDay => TerminatedOn is { } t && t < End ? t : End;

    public bool Covers(DateOnly day) => day >= Start && day <= LastDay;

    public void Extend() => End = End.AddMonths(RenewalMonths);

    /// <summary>The customer leaves on <paramref name="day"/>: the term ends first, or the agreement is terminated early.</summary>
    public void Leave(DateOnly day)
    {
        if (End <= day)
        {
            Ending = true;
        }
        else
        {
            TerminatedOn = day < Start ? Start : day;
        }
    }

    public void Write(CsvRows rows, string accountId) => rows
        .Text(Id).Text(accountId).Date(Start).Date(FirstTermEnd)
        .Flag(AutoRenew).Number(NoticeDays).Number(RenewalMonths)
        .Money(AnnualFee).Number(PaymentTermsDays)
        .Number(MarginCapPct).Number(PenaltyThresholdPct).Number(ResponseHours).Number(OnsiteHours)
        .Text("09:00:00").Text("17:00:00").Text("Asia/Shanghai").Text("CN")
        .Date(LastDayOnRecord)
        .EndRow();

    /// <summary>
    /// terminated_on as the export shows it: the early end, or, once an auto-renewing agreement's customer gave
    /// notice, the end of its current term (otherwise the row would read as still renewing and the loss would vanish).
    /// </summary>
    private DateOnly? LastDayOnRecord => TerminatedOn ?? (Ending && AutoRenew ? End : null);
}
