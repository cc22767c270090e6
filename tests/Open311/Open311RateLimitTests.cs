using System.Net;

namespace TangerangLive.Tests.Open311;

/// <summary>Anonymous Open311 reads are limited per client address, like the other public endpoints.</summary>
public sealed class Open311RateLimitTests(Open311ThrottledFixture api) : IClassFixture<Open311ThrottledFixture>
{
    [Fact]
    public async Task Reads_past_the_limit_from_one_address_get_429_with_retry_after()
    {
        for (var i = 0; i < Open311ThrottledFixture.Limit; i++)
        {
            using var allowed = await api.Silo.Http.GetAsync("/open311/v2/services.json");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await api.Silo.Http.GetAsync("/open311/v2/requests.xml");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
