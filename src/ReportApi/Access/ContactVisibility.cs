using Analytics.Warehouse;
namespace Analytics.ReportApi.Access;

/// <summary>Which personal contact fields (contact name, phone) a reader gets.</summary>
public enum ContactVisibility
{
    /// <summary>None at all: the fields are null (analysts).</summary>
    Masked,

    /// <summary>Only where the contact consented to marketing (core.accounts.contact_consent is true).</summary>
    Consenting,

    /// <summary>All of them (admin, managers).</summary>
    All,
}
