using System.Net;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Access;

/// <summary>/api/keys: an admin creates, lists and revokes keys while the service runs; a revoked key stops at its next request.</summary>
public sealed class KeyEndpointsTests : ServedWarehouse
{
    private const string AdminKey = "key-endpoints-admin-key";

    protected override void Prepare()
    {
        using (var connection = Warehouse.Connect())
        {
            ApiKeyStore.Store(connection, Roles.Admin, null, "admin", AdminKey);
        }
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_works_at_once_and_a_revoke_refuses_its_next_request()
    {
        var admin = Server.Client(AdminKey);
        var created = await HttpJson.Send(admin, HttpMethod.Post, "/api/keys", """{"role":"analyst","regions":["华东"],"name":"East analyst"}""", HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Matches("^ak_[A-Za-z0-9_-]{43}$", secret);
        var key = created.GetProperty("key");
        var id = key.GetProperty("keyId").GetInt64();
        Assert.Equal(("analyst", "East analyst", """["华东"]""", secret[..8], JsonValueKind.Null),
            (key.GetProperty("role").GetString(), key.GetProperty("name").GetString(), key.GetProperty("regions").GetRawText(),
             key.GetProperty("keyPrefix").GetString(), key.GetProperty("revokedAt").ValueKind));
        Assert.Equal(ApiKeyStore.Hash(secret), Warehouse.Scalar<string>("select key_hash from access.api_keys where key_id = $1", id));

        var analyst = Server.Client(secret);
        await HttpJson.Send(analyst, HttpMethod.Get, "/api/campaigns", null, HttpStatusCode.OK);

        // The list shows every key, never a secret or a hash.
        var listed = await HttpJson.Send(admin, HttpMethod.Get, "/api/keys", null, HttpStatusCode.OK);
        Assert.Equal(["admin", "East analyst"], listed.EnumerateArray().Select(k => k.GetProperty("name").GetString()!));
        var listText = listed.GetRawText();
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyStore.Hash(secret), listText, StringComparison.Ordinal);

        await HttpJson.Send(admin, HttpMethod.Delete, $"/api/keys/{id}", null, HttpStatusCode.NoContent);
        var refused = await HttpJson.Send(analyst, HttpMethod.Get, "/api/campaigns", null, HttpStatusCode.Unauthorized);
        Assert.Equal("This API key was revoked.", refused.GetProperty("error").GetString());
        Assert.NotEqual(JsonValueKind.Null, (await HttpJson.Send(admin, HttpMethod.Get, "/api/keys", null, HttpStatusCode.OK))[1].GetProperty("revokedAt").ValueKind);

        var again = await HttpJson.Send(admin, HttpMethod.Delete, $"/api/keys/{id}", null, HttpStatusCode.NotFound);
        Assert.Equal($"There is no active key {id}; GET /api/keys lists them.", again.GetProperty("error").GetString());
    }

    /// <summary>
    /// An admin limited to regions manages the keys of those regions only: otherwise it could make itself a key for
    /// every region, or revoke the keys of regions it does not see, and its limit would limit nothing.
    /// </summary>
    [Fact]
    public async Task An_admin_limited_to_regions_makes_lists_and_revokes_keys_within_them_only()
    {
        var everyRegion = await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Post, "/api/keys", """{"role":"analyst","name":"all analyst"}""", HttpStatusCode.Created);
        var north = await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Post, "/api/keys", """{"role":"manager","regions":["华北"],"name":"North manager"}""", HttpStatusCode.Created);
        var eastAdmin = Server.Client((await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Post, "/api/keys", """{"role":"admin","regions":["华东","华南"],"name":"East admin"}""", HttpStatusCode.Created)).GetProperty("secret").GetString()!);
        var keysBefore = Warehouse.Scalar<long>("select count(*) from access.api_keys");

        foreach (var body in new[] { """{"role":"admin"}""", """{"role":"analyst","regions":null}""", """{"role":"manager","regions":["华东","华北"]}""" })
        {
            var refused = await HttpJson.Send(eastAdmin, HttpMethod.Post, "/api/keys", body, HttpStatusCode.Forbidden);
            Assert.Equal("Your key is limited to 华东, 华南: it may make keys limited to those regions only.", refused.GetProperty("error").GetString());
        }

        Assert.Equal(keysBefore, Warehouse.Scalar<long>("select count(*) from access.api_keys"));
        await HttpJson.Send(eastAdmin, HttpMethod.Post, "/api/keys", """{"role":"marketing","regions":["华南"],"name":"South marketing"}""", HttpStatusCode.Created);

        var listed = await HttpJson.Send(eastAdmin, HttpMethod.Get, "/api/keys", null, HttpStatusCode.OK);
        Assert.Equal(["East admin", "South marketing"], listed.EnumerateArray().Select(k => k.GetProperty("name").GetString()!));

        foreach (var other in new[] { 1L, everyRegion.GetProperty("key").GetProperty("keyId").GetInt64(), north.GetProperty("key").GetProperty("keyId").GetInt64() })
        {
            var unseen = await HttpJson.Send(eastAdmin, HttpMethod.Delete, $"/api/keys/{other}", null, HttpStatusCode.NotFound);
            Assert.Equal($"There is no active key {other}; GET /api/keys lists them.", unseen.GetProperty("error").GetString());
        }

        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.api_keys where revoked_at is not null"));
    }

    [Fact]
    public async Task A_key_for_every_region_has_null_regions_and_a_default_name()
    {
        var created = await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Post, "/api/keys", """{"role":"manager"}""", HttpStatusCode.Created);
        Assert.Equal((JsonValueKind.Null, "manager key"), (created.GetProperty("key").GetProperty("regions").ValueKind, created.GetProperty("key").GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("""{"role":"boss"}""", "There is no role 'boss'; the roles are admin, manager, analyst, marketing.")]
    [InlineData("""{}""", "Give the key's role: admin, manager, analyst, marketing.")]
    [InlineData("""{"role":"analyst","regions":[]}""", "Give at least one region, none of them empty.")]
    [InlineData("""{"role":"analyst","regions":["华东"," "]}""", "Give at least one region, none of them empty.")]
    [InlineData("""{"role":"analyst","regions":"华东"}""", "'regions' is a list of region names, or null for every region.")]
    [InlineData("""{"role":"analyst","region":["华东"]}""", "There is no field 'region'; a key has role, regions and name.")]
    [InlineData("""{"role":7}""", "'role' is a text.")]
    [InlineData("""[1]""", "The body is not a JSON object; post {\"role\": ..., \"regions\": [...], \"name\": ...}.")]
    [InlineData("""{"role":""", "The body is not JSON; post {\"role\": ..., \"regions\": [...], \"name\": ...}.")]
    public async Task A_bad_key_request_is_a_400_with_a_sentence(string body, string message)
    {
        var answer = await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Post, "/api/keys", body, HttpStatusCode.BadRequest);
        Assert.Equal(message, answer.GetProperty("error").GetString());
        Assert.Equal(1L, Warehouse.Scalar<long>("select count(*) from access.api_keys"));
    }

    [Fact]
    public async Task A_name_longer_than_200_characters_is_refused()
    {
        var answer = await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Post, "/api/keys", $$"""{"role":"analyst","name":"{{new string('n', 201)}}"}""", HttpStatusCode.BadRequest);
        Assert.Equal("A key's name is at most 200 characters.", answer.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("99999999999999999999")]
    public async Task Revoking_what_is_no_key_number_is_a_400(string id)
    {
        var answer = await HttpJson.Send(Server.Client(AdminKey), HttpMethod.Delete, $"/api/keys/{id}", null, HttpStatusCode.BadRequest);
        Assert.Equal($"A key is named by its number (GET /api/keys), not '{id}'.", answer.GetProperty("error").GetString());
    }

    /// <summary>Every role but admin, as the Roles list has them: none may see, create or revoke keys.</summary>
    public static TheoryData<string> OtherRoles() => [.. Roles.All.Where(r => r != Roles.Admin)];

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task No_role_but_admin_may_touch_keys(string role)
    {
        var client = Server.Client(Server.Key(role));
        foreach (var (method, path, body) in new[] { (HttpMethod.Get, "/api/keys", null), (HttpMethod.Post, "/api/keys", """{"role":"admin"}"""), (HttpMethod.Delete, "/api/keys/1", (string?)null) })
        {
            var answer = await HttpJson.Send(client, method, path, body, HttpStatusCode.Forbidden);
            Assert.Equal($"The {role} role may not {method} {path}.", answer.GetProperty("error").GetString());
        }

        Assert.Null(Warehouse.Scalar<DateTime?>("select revoked_at from access.api_keys where key_id = 1"));
        Assert.Equal(0L, Warehouse.Scalar<long>("select count(*) from access.api_keys where role = 'admin' and name <> 'admin'"));
    }
}
