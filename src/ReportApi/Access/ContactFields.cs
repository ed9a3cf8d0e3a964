using Analytics.Warehouse;
namespace Analytics.ReportApi.Access;

/// <summary>The SQL that shows or hides a contact field for a reader.</summary>
public static class ContactFields
{
    /// <summary>
    /// An expression for <paramref name="column"/> of core.accounts aliased <paramref name="accounts"/>: the value,
    /// the value only where its contact consented, or null. Unknown consent is no consent.
    /// </summary>
    public static string Expression(ContactVisibility visibility, string accounts, string column) => visibility switch
    {
        ContactVisibility.All => $"{accounts}.{column}",
        ContactVisibility.Consenting => $"case when {accounts}.contact_consent then {accounts}.{column} end",
        _ => "null::varchar",
    };
}
