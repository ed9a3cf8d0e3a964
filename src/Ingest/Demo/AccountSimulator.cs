namespace Analytics.Ingest.Demo;

/// <summary>
/// One account's history, month by month. The account is won (考察期), ramps up (形成期), buys at its
/// size (稳定期) and may decline (退化期) and leave. Underneath runs a latent health that service
/// experience moves: breached SLAs, missed maintenance and complaints pull it down, good months let it
/// recover. The chance of deciding to leave rises as health falls, near the end of a contract term, for
/// late payers and for shrinking businesses; an account that has decided orders less and less for a few
/// months, pays later, does not renew, and stops. Health itself is never written: only its traces are.
/// </summary>
internal sealed class AccountSimulator
{
    /// <summary>Monthly buying power above which an account is offered a framework agreement.</summary>
    private const double ContractSize = 2.5;

    // Spring Festival empties February; year-end budgets fill December.
    private static readonly double[] Seasonality = [1.0, 0.6, 1.1, 1.0, 0.95, 1.1, 0.9, 0.9, 1.05, 0.85, 1.1, 1.35];

    private readonly DemoWorld _world;
    private readonly AccountProfile _account;
    private readonly Random _random;
    private readonly DemoRows _rows;
    private readonly OrderMaker _orders;
    private readonly TicketMaker _tickets;
    private readonly List<ServiceAgreement> _contracts = [];
    private readonly DateOnly _campaignDay;
    private int _agreementsSigned;
    private DateOnly? _plannedSigning;
    private double _health;
    private int _troubleLeft;
    private int _declineLength;
    private int _declineMonth;
    private DateOnly? _leaveDay;
    private bool _campaignPicked;

    private AccountSimulator(DemoWorld world, AccountProfile account, Random random, DemoRows rows)
    {
        _world = world;
        _account = account;
        _random = random;
        _rows = rows;
        _orders = new OrderMaker(world, account, random, rows);
        _tickets = new TicketMaker(world, account, random, rows.Tickets, ContractOn);
        _campaignDay = DemoCampaign.FrozenOn(world.End);
    }

    /// <summary>Visited by the demo campaign (from the month after its freeze day).</summary>
    private bool Visited => _rows.Campaign == CampaignGroup.Targeted;

    /// <summary>Simulates account number <paramref name="index"/> (0-based) into <paramref name="rows"/>.</summary>
    public static void Run(DemoWorld world, int index, DemoRows rows)
    {
        var random = DemoRandom.For(world.Options.Seed, index);
        var account = AccountProfile.Draw(world, index, random);
        rows.Campaign = CampaignGroup.None;
        new AccountSimulator(world, account, random, rows).Simulate();
    }

    private void Simulate()
    {
        WriteAccounts();
        var createdMonth = _world.MonthOf(_account.CreatedOn);
        var firstMonth = Math.Max(0, createdMonth);
        _health = _account.BaseHealth;
        if (createdMonth < 0)
        {
            SignBeforePeriod();
        }

        for (var m = firstMonth; m < _world.MonthCount; m++)
        {
            var monthStart = _world.MonthStart(m);
            var from = monthStart < _account.CreatedOn ? _account.CreatedOn : monthStart;
            var to = Min(monthStart.AddMonths(1).AddDays(-1), _world.End);
            var leavesNow = _leaveDay is { } leave && leave <= to;
            if (leavesNow)
            {
                to = _leaveDay!.Value;
            }

            if (from > to)
            {
                break;
            }

            if (from > _campaignDay && !_campaignPicked)
            {
                _campaignPicked = true;
                _rows.Campaign = DemoCampaign.Pick(_account, _world, _declineMonth > 0);
            }

            var age = m - createdMonth;
            var size = SizeAt(m - firstMonth, age);
            // Deciding to leave cuts buying at once, then month by month to nothing in the month it leaves.
            var activity = _declineMonth == 0 ? 1.0 : 0.7 * (_declineLength + 1 - _declineMonth) / (_declineLength + 1);
            RenewContracts(to);
            MaybeSign(age, size, from, to);
            var trouble = InTrouble(m);
            var (incidents, breaches, missed, complaints) = Serve(m, from, to, size, activity, trouble);
            Buy(m, from, to, size, activity);
            UpdateHealth(incidents, breaches, missed, complaints, trouble);
            if (leavesNow)
            {
                break;
            }

            if (_declineMonth > 0)
            {
                _declineMonth++;
            }
            else
            {
                MaybeDecideToLeave(m, age, to);
            }
        }

        foreach (var contract in _contracts)
        {
            contract.Write(_rows.Contracts, _account.AccountId);
        }
    }

    private void WriteAccounts()
    {
        var a = _account;
        _rows.Accounts.Text(a.AccountId).Text(a.Name).Text(a.TaxId).Text(a.Industry).Text(a.City.Region).Text(a.City.Name)
            .Text(a.Owner).Date(a.CreatedOn).Text(a.EnglishName).Text(a.Contacts[0]).Text(a.ContactPhone).Flag(ContactConsent(a.Number))
            .Text(DemoGroups.ParentOf(a.Number)).EndRow();
        if (a.Duplicate is { } d)
        {
            _rows.Accounts.Text(d.AccountId).Text(d.Name).Text(d.TaxId).Text(a.Industry).Text(a.City.Region).Text(a.City.Name)
                .Text(d.Owner).Date(d.CreatedOn).Text(d.EnglishName).Text(a.Contacts[^1]).Text(a.ContactPhone).Flag(ContactConsent(a.Number))
                .Text(null).EndRow();
            _rows.Truth.Text(a.AccountId).Text(d.AccountId).Flag(true).Text(d.Variation).EndRow();
        }

        if (a.NearMissKind is { } kind)
        {
            _rows.Truth.Text(AccountProfile.Id(a.Number - 1)).Text(a.AccountId).Flag(false).Text(kind).EndRow();
        }
    }

    /// <summary>
    /// Whether the account's contact agreed to marketing: about 60% did. Taken from the account number, not the
    /// account's random stream, so adding it changed nothing else the demo draws.
    /// </summary>
    internal static bool ContactConsent(int number) => unchecked((uint)number * 2654435761u) % 100 < 60;

    /// <summary>Buying power in a month: the account's size, grown or shrunk by its trend, ramped up while it is new.</summary>
    private double SizeAt(int monthsInPeriod, int age)
    {
        var a = _account;
        var ramp = age < a.ExplorationMonths ? 0.25
            : age < a.ExplorationMonths + a.FormationMonths ? 0.25 + (0.75 * (age - a.ExplorationMonths) / a.FormationMonths)
            : 1.0;
        return a.Size * Math.Exp(a.Growth * monthsInPeriod / 12.0) * ramp;
    }

    private ServiceAgreement? ContractOn(DateOnly day)
    {
        for (var i = _contracts.Count - 1; i >= 0; i--)
        {
            if (_contracts[i].Covers(day))
            {
                return _contracts[i];
            }
        }

        return null;
    }

    /// <summary>A key account won before the period may already have an agreement, rolled forward term by term to the period's start.</summary>
    private void SignBeforePeriod()
    {
        if (_account.Size < ContractSize && !_account.SignsContractAnyway)
        {
            return;
        }

        var signed = _account.CreatedOn.AddDays(_random.Next(30, 366));
        if (signed >= _world.Start)
        {
            _plannedSigning = signed;
            return;
        }

        var contract = Sign(signed);
        while (contract.End < _world.Start)
        {
            contract = Renew(contract, keepOld: false);
        }
    }

    private void MaybeSign(int age, double size, DateOnly from, DateOnly to)
    {
        if (_contracts.Count > 0 || _declineMonth > 0)
        {
            return;
        }

        if (_plannedSigning is { } planned)
        {
            if (planned <= to)
            {
                Sign(planned < from ? from : planned);
            }

            return;
        }

        var eligible = (size >= ContractSize || _account.SignsContractAnyway) && age > _account.ExplorationMonths;
        if (eligible && _random.Chance(0.25))
        {
            Sign(from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1)));
        }
    }

    private ServiceAgreement Sign(DateOnly start)
    {
        var fee = Math.Round(20_000 * Math.Pow(_account.Size, 0.6) / 100) * 100;
        var contract = new ServiceAgreement(
            $"HT{_account.Number:D7}-{++_agreementsSigned:D2}", start, start.AddMonths(_account.FirstTermMonths).AddDays(-1),
            _account.AutoRenew, (decimal)fee, _account.PaymentTermsDays);
        _contracts.Add(contract);
        return contract;
    }

    private ServiceAgreement Renew(ServiceAgreement contract, bool keepOld)
    {
        if (contract.AutoRenew)
        {
            contract.Extend();
            return contract;
        }

        if (!keepOld)
        {
            _contracts.Remove(contract);
        }

        var next = new ServiceAgreement(
            $"HT{_account.Number:D7}-{++_agreementsSigned:D2}", contract.End.AddDays(1), contract.End.AddMonths(ServiceAgreement.RenewalMonths),
            false, contract.AnnualFee, contract.PaymentTermsDays);
        _contracts.Add(next);
        return next;
    }

    /// <summary>Terms that end this month renew, unless the customer gave notice.</summary>
    private void RenewContracts(DateOnly to)
    {
        if (_contracts.Count == 0)
        {
            return;
        }

        var contract = _contracts[^1];
        while (contract.TerminatedOn is null && !contract.Ending && contract.End < to)
        {
            contract = Renew(contract, keepOld: true);
        }
    }

    /// <summary>Runs of trouble (a bad batch of machines, a thin station) come and go; poor stations have more of them.</summary>
    private bool InTrouble(int month)
    {
        if (_troubleLeft > 0)
        {
            _troubleLeft--;
            return true;
        }

        if (_random.Chance(0.015 * _world.Sites[_account.CityIndex].Slowness * _world.Sites[_account.CityIndex].MonthlyLoad[month]))
        {
            _troubleLeft = _random.Next(1, 6);
            return true;
        }

        return false;
    }

    private (int Incidents, int Breaches, int Missed, int Complaints) Serve(int month, DateOnly from, DateOnly to, double size, double activity, bool trouble)
    {
        var hasContract = ContractOn(to) is not null;
        var incidentRate = 0.25 * Math.Pow(size, 0.35) * (hasContract ? 1.4 : 1) * (trouble ? 2.5 : 1) * (0.4 + (0.6 * activity));
        var incidents = _random.Poisson(incidentRate);
        var breaches = 0;
        for (var i = 0; i < incidents; i++)
        {
            breaches += _tickets.Incident(from, to, month, _health, trouble) ? 1 : 0;
        }

        var missed = _tickets.Maintenance(from, to, month, _health, trouble) ? 1 : 0;
        var complaints = _random.Poisson(0.01 + (0.3 * breaches) + (0.35 * missed) + (0.4 * Math.Max(0, 0.5 - _health)));
        for (var i = 0; i < complaints; i++)
        {
            _tickets.Complaint(from, to, month, _health);
        }

        var requests = _random.Poisson(0.12 * Math.Pow(size, 0.3));
        for (var i = 0; i < requests; i++)
        {
            _tickets.Request(from, to, month, _health);
        }

        return (incidents, breaches, missed, complaints);
    }

    private void Buy(int month, DateOnly from, DateOnly to, double size, double activity)
    {
        var a = _account;
        // An unhappy customer buys elsewhere too, before it decides to leave.
        var healthDrag = 0.55 + (0.45 * Math.Clamp(_health / a.BaseHealth, 0, 1));
        var monthOfYear = _world.MonthStart(month).Month;
        var expected = 0.9 * Math.Pow(size, 0.45) * Seasonality[monthOfYear - 1] * activity * healthDrag * (Visited ? DemoCampaign.OrderUplift : 1);
        var count = Math.Min(60, _random.Poisson(expected));
        Span<int> days = stackalloc int[count + 1];
        for (var i = 0; i < count; i++)
        {
            days[i] = OrderDay(from, to).DayNumber * 2;
        }

        // A scheduled delivery of regular products is marked by an odd number, so it sorts among the others by day.
        var scheduled = ScheduledDay(from, to, activity);
        if (scheduled is { } s)
        {
            days[count++] = (s.DayNumber * 2) + 1;
        }

        days[..count].Sort();
        var paymentDelay = (_health < 0.5 ? _random.Between(0, (0.5 - _health) * 80) : 0) + (_declineMonth > 0 ? _random.Between(0, 20) : 0);
        var mayNeverPay = _declineMonth > 0 && activity < 0.5;
        foreach (var code in days[..count])
        {
            var day = DateOnly.FromDayNumber(code / 2);
            if (code % 2 == 1)
            {
                _orders.Write(day, a.AccountId, "schedule", ContractOn(day), size, paymentDelay, mayNeverPay);
                continue;
            }

            var channel = _random.Chance(0.55) ? "order_form" : "phone";
            if (a.Duplicate is { } d && day >= d.CreatedOn && _random.Chance(d.OrderShare))
            {
                // Booked under the second record, which the contract system does not know.
                _orders.Write(day, d.AccountId, channel, null, size, paymentDelay, mayNeverPay);
            }
            else
            {
                _orders.Write(day, a.AccountId, channel, ContractOn(day), size, paymentDelay, mayNeverPay);
            }
        }
    }

    /// <summary>A working day mostly; now and then an order arrives on a weekend.</summary>
    private DateOnly OrderDay(DateOnly from, DateOnly to)
    {
        var span = to.DayNumber - from.DayNumber + 1;
        var day = from.AddDays(_random.Next(span));
        for (var attempt = 0; attempt < 5 && !_world.IsWorkingDay(day) && _random.Chance(0.9); attempt++)
        {
            day = from.AddDays(_random.Next(span));
        }

        return day;
    }

    private DateOnly? ScheduledDay(DateOnly from, DateOnly to, double activity)
    {
        if (!_account.ScheduledDeliveries || !_random.Chance(activity))
        {
            return null;
        }

        var planned = new DateOnly(from.Year, from.Month, Math.Min(_account.ScheduleDay, DateTime.DaysInMonth(from.Year, from.Month)));
        var day = _world.NextWorkingDay(planned < from ? from : planned);
        return day <= to && ContractOn(day) is not null ? day : null;
    }

    private void UpdateHealth(int incidents, int breaches, int missed, int complaints, bool trouble)
    {
        var h = _health;
        h += 0.08 * (_account.BaseHealth - h);
        h -= (0.35 * breaches / (incidents + 1.0)) + (0.05 * breaches) + (0.10 * missed) + (0.04 * complaints) + (trouble ? 0.02 : 0);
        h += _random.Normal(0, 0.015);
        _health = Math.Clamp(h, 0.02, 1.0);
    }

    private void MaybeDecideToLeave(int month, int age, DateOnly to)
    {
        var contract = _contracts.Count > 0 ? _contracts[^1] : null;
        var termEndsSoon = contract is { TerminatedOn: null, Ending: false } && contract.End.DayNumber - to.DayNumber <= 61;
        var hazard = (0.001 + (0.10 / (1 + Math.Exp(-(0.40 - _health) / 0.05))))
            * (termEndsSoon ? 2.5 : 1)
            * (_account.LatePayer ? 1.5 : 1)
            * (_account.Growth < -0.2 ? 1.8 : 1)
            * (age < 12 ? 1.5 : 1)
            * (Visited ? DemoCampaign.LeaveHazardFactor : 1);
        if (!_random.Chance(hazard))
        {
            return;
        }

        _declineLength = _random.Next(2, 8);
        _declineMonth = 1;
        var leaveMonth = _world.MonthStart(month + _declineLength + 1);
        var leaveDay = leaveMonth.AddDays(_random.Next(DateTime.DaysInMonth(leaveMonth.Year, leaveMonth.Month)));
        _leaveDay = leaveDay;
        if (contract is not null && contract.LastDay >= to)
        {
            // Notice only shows in the data once given: a departure after the export leaves the agreement as it was, bar not renewing.
            if (leaveDay <= _world.End || contract.End <= leaveDay)
            {
                contract.Leave(leaveDay);
            }
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
