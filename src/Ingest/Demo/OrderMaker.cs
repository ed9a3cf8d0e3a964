namespace Analytics.Ingest.Demo;

/// <summary>
/// Writes an account's orders and their lines: what it buys for its size, priced under the agreement's
/// margin cap (most orders at or below 7%, some above, a few beyond the 10% penalty threshold), invoiced
/// and paid as this customer pays.
/// </summary>
internal sealed class OrderMaker(DemoWorld world, AccountProfile account, Random random, DemoRows rows)
{
    private const int MaxLines = 15;

    // Category weights for a small account and for the biggest: big accounts buy the network and the servers.
    private static readonly double[] SmallMix = [30, 26, 6, 3, 9, 20, 6];
    private static readonly double[] BigMix = [20, 19, 14, 14, 5, 12, 16];
    private static readonly double[] ScheduledMix = [6, 0, 0, 0, 4, 82, 8];

    private readonly Product[] _products = new Product[MaxLines];
    private readonly int[] _quantities = new int[MaxLines];
    private int _sequence;

    /// <param name="size">the account's buying power this month.</param>
    /// <param name="extraPaymentDelay">days an unhappy or struggling customer adds before paying.</param>
    /// <param name="mayNeverPay">a leaving customer may leave its last invoices unpaid.</param>
    public void Write(DateOnly day, string accountId, string channel, ServiceAgreement? contract, double size, double extraPaymentDelay, bool mayNeverPay)
    {
        var scheduled = channel == "schedule";
        var lineCount = scheduled
            ? 1 + Math.Min(4, random.Poisson(1.0))
            : 1 + Math.Min(MaxLines - 1, random.Poisson(0.4 + (0.3 * Math.Log(1 + size))));
        Span<double> mix = stackalloc double[ProductCatalog.Categories.Count];
        var bigness = Math.Clamp(Math.Log(1 + size) / Math.Log(41), 0, 1);
        for (var c = 0; c < mix.Length; c++)
        {
            mix[c] = scheduled ? ScheduledMix[c] : (SmallMix[c] * (1 - bigness)) + (BigMix[c] * bigness);
        }

        var groupPurchase = false;
        var deliveryDays = 0;
        var scale = Math.Pow(size, 0.3);
        for (var i = 0; i < lineCount; i++)
        {
            var (products, weights) = ProductCatalog.InCategory[random.PickWeighted(mix)];
            var product = products[random.PickWeighted(weights)];
            var quantity = Math.Max(1, (int)Math.Round(random.LogNormal(product.TypicalQuantity * scale, 0.55)));
            if (product.IsComputer && !scheduled && random.Chance(0.06))
            {
                // A campaign's group purchase: nine units or more earn the group discount.
                quantity = Math.Max(quantity, 9 + random.Poisson(6));
            }

            groupPurchase |= quantity >= 9 && product.IsComputer;
            deliveryDays = Math.Max(deliveryDays, product.DeliveryDays);
            _products[i] = product;
            _quantities[i] = quantity;
        }

        var keep = 1 - TargetMargin(groupPurchase);
        var id = $"SO{account.Number:D7}-{++_sequence:D4}";
        var net = 0L; // in millionths of a yuan: cents x discount basis points, exact
        for (var i = 0; i < lineCount; i++)
        {
            var product = _products[i];
            // The discount off list that lands the line on the order's margin: net = cost / (1 - margin).
            var discount = (int)Math.Clamp(Math.Round((1 - (product.UnitCostCents / (keep * product.ListPriceCents))) * 10_000), 0, 9_500);
            net += _quantities[i] * product.ListPriceCents * (10_000 - discount);
            rows.OrderLines.Text(id).Number(i + 1).Text(product.Id).Number(_quantities[i])
                .Cents(product.ListPriceCents).Cents(product.UnitCostCents).BasisPoints(discount).EndRow();
        }

        var invoice = deliveryDays == 0 ? day : world.AddWorkingDays(day, random.Next(deliveryDays / 4, deliveryDays + 1));
        DateOnly? invoiceDate = invoice <= world.End ? invoice : null;
        // Regular business settles on the agreement's terms; other orders within 3 working days of the invoice.
        DateOnly? due = invoiceDate is { } inv ? contract is null ? world.AddWorkingDays(inv, 3) : inv.AddDays(contract.PaymentTermsDays) : null;
        var paid = Paid(invoiceDate, due, extraPaymentDelay, mayNeverPay);
        rows.Orders.Text(id).Text(accountId).Date(day).Text(channel).Text(contract?.Id)
            .Cents((net + 5_000) / 10_000).Date(invoiceDate).Date(due).Date(paid).EndRow();
    }

    private double TargetMargin(bool groupPurchase)
    {
        var above = account.LaxPricing ? 0.30 : 0.08;
        var draw = random.NextDouble();
        if (draw < above * 0.3)
        {
            return random.Between(0.102, 0.14);
        }

        if (draw < above)
        {
            return random.Between(0.071, 0.099);
        }

        var margin = random.Between(0.01, 0.068);
        return groupPurchase ? Math.Max(0.005, margin - 0.015) : margin;
    }

    private DateOnly? Paid(DateOnly? invoice, DateOnly? due, double extraDelay, bool mayNeverPay)
    {
        if (invoice is not { } inv || due is not { } d || (mayNeverPay && random.Chance(0.3)))
        {
            return null;
        }

        var terms = d.DayNumber - inv.DayNumber;
        double days;
        if (account.LatePayer)
        {
            days = terms + random.LogNormal(14, 0.6);
        }
        else if (random.Chance(0.04))
        {
            days = terms + random.Next(1, 11);
        }
        else
        {
            days = terms * random.Between(0.4, 1.0);
        }

        var paid = inv.AddDays((int)Math.Round(days + extraDelay));
        return paid <= world.End ? paid : null;
    }
}
