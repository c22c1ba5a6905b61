using System.Net;
using System.Text;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Auth;

/// <summary>
/// Every route of API.md with no token, each role and a public-subscriber token: the ones allowed
/// get past authorization (whatever they then answer), the others get 401 without a token and 403
/// with the wrong one.
/// </summary>
public sealed class RouteRoleMatrixTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private const string Anyone = "anonymous,operator,supervisor,field,subscriber";
    private const string ControlRoom = "operator,supervisor";
    private const string CaseReaders = "operator,supervisor,field";
    private const string Receivers = "field,subscriber";

    public static TheoryData<string, string, string> Routes => new()
    {
        { "GET", "/healthz", Anyone },
        { "POST", "/api/auth/token", Anyone },
        { "POST", "/api/cases", ControlRoom },
        { "GET", "/api/cases", ControlRoom },
        { "GET", "/api/cases/c-matrix", CaseReaders },
        { "GET", "/api/cases/c-matrix/zone", CaseReaders },
        { "GET", "/api/cases/c-matrix/timeline", ControlRoom },
        { "GET", "/api/cases/c-matrix/replay", ControlRoom },
        { "GET", "/api/cases/c-matrix/reach", ControlRoom },
        { "POST", "/api/cases/c-matrix/escalate", "supervisor" },
        { "POST", "/api/cases/c-matrix/escalation/approve", "supervisor" },
        { "POST", "/api/cases/c-matrix/escalation/reject", "supervisor" },
        { "POST", "/api/cases/c-matrix/resolve", ControlRoom },
        { "POST", "/api/cases/c-matrix/sightings", Anyone },
        { "POST", "/api/cases/c-matrix/sightings/s-1/verify", ControlRoom },
        { "POST", "/api/cases/c-matrix/sightings/s-1/reject", ControlRoom },
        { "POST", "/api/subscribers", Anyone },
        { "PUT", "/api/subscribers/me/location", Receivers },
        { "GET", "/api/subscribers/me/alerts", Receivers },
        { "GET", "/api/subscribers/me", Receivers },
        { "DELETE", "/api/subscribers/me", Receivers },
        { "GET", "/api/field-teams", ControlRoom },
        { "GET", "/api/pages/config", Anyone },
        { "GET", "/", Anyone },
        { "GET", "/field", Anyone },
        { "GET", "/public", Anyone },
        { "POST", "/api/partners", "supervisor" },
        { "GET", "/api/partners", "supervisor" },
        { "GET", "/api/partners/pt-00000000000000000000000000000000/deliveries", "supervisor" },
        { "DELETE", "/api/partners/pt-00000000000000000000000000000000", "supervisor" },
        { "GET", "/dashboard/", "supervisor" },
        { "GET", "/dashboard/ClusterStats", "supervisor" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_admits_exactly_its_roles(string method, string path, string allowed)
    {
        var admitted = allowed.Split(',');
        foreach (var identity in new[] { "anonymous", "operator", "supervisor", "field", "subscriber" })
        {
            using var client = await ClientFor(identity);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            var response = await client.SendAsync(request);

            if (admitted.Contains(identity))
            {
                Assert.True(
                    response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{identity} should pass authorization on {method} {path} but got {(int)response.StatusCode}");
            }
            else
            {
                var expected = identity == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                Assert.True(response.StatusCode == expected, $"{identity} on {method} {path}: expected {(int)expected}, got {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private async Task<HttpClient> ClientFor(string identity) => identity switch
    {
        "anonymous" => factory.CreateClient(),
        "subscriber" => factory.CreateClientWithToken((await Requests.Subscribe(factory.CreateClient(), 40.9, 20.5)).Token),
        "field" => await factory.CreateClientAs("field5"),
        _ => await factory.CreateClientAs(identity),
    };
}
