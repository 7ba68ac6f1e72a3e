using Pinterest.Conversions.Sandbox.Dedup;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Faults;
using Pinterest.Conversions.Sandbox.Validation;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>The small pure rules, away from HTTP.</summary>
public sealed class RuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c8", true)]
    [InlineData("411E44CE1261728FFD2C0686E44E3FFFE413C0E2C5ADC498BC7DA883D476B9C8", true)]
    [InlineData("411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c", false)]
    [InlineData("411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9cg", false)]
    [InlineData("jane@example.com", false)]
    [InlineData("", false)]
    public void Sha256_hex_is_64_hex_digits_of_either_case(string value, bool expected) =>
        Assert.Equal(expected, EventRules.IsSha256Hex(value));

    [Fact]
    public void Dedup_window_is_48_hours_inclusive_and_never_for_offline()
    {
        Assert.True(DedupRules.IsDeduplicated(ActionSource.Web, Now, Now.AddHours(48)));
        Assert.False(DedupRules.IsDeduplicated(ActionSource.Web, Now, Now.AddHours(48).AddSeconds(1)));
        Assert.False(DedupRules.IsDeduplicated(ActionSource.Offline, Now, Now));
        Assert.True(DedupRules.IsDeduplicated(ActionSource.AppIos, Now, Now));
        Assert.False(DedupRules.IsDeduplicated(ActionSource.Web, null, Now));
        Assert.True(DedupRules.IsDuplicateReceipt(Now, Now.AddHours(1)));
        Assert.False(DedupRules.IsDuplicateReceipt(null, Now));
    }

    [Fact]
    public void Late_means_more_than_an_hour_after_event_time()
    {
        var t = Now.ToUnixTimeSeconds();
        Assert.False(DedupRules.IsLate(t, Now.AddHours(1)));
        Assert.True(DedupRules.IsLate(t, Now.AddHours(1).AddSeconds(1)));
    }

    [Theory]
    [InlineData(null, null, "Missing")]
    [InlineData("", null, "Missing")]
    [InlineData("Bearer   ", null, "Missing")]
    [InlineData("Basic abc", null, "NotBearer")]
    [InlineData("Bearer abc", null, "Ok")]
    [InlineData("BEARER abc", "abc", "Ok")]
    [InlineData("Bearer abd", "abc", "WrongToken")]
    [InlineData("Bearer abc ", "abc", "Ok")]
    public void Bearer_authentication(string? header, string? configured, string expected) =>
        Assert.Equal(expected, BearerAuth.Check(header, configured).ToString());

    [Theory]
    [InlineData("1", true)]
    [InlineData("549755885175", true)]
    [InlineData("123456789012345678", true)]
    [InlineData("1234567890123456789", false)]
    [InlineData("", false)]
    [InlineData("-1", false)]
    [InlineData("١٢٣", false)] // Arabic-Indic digits are not \d for Pinterest's ASCII pattern.
    public void Ad_account_ids(string id, bool expected) => Assert.Equal(expected, AdAccountIds.IsValid(id));

    [Fact]
    public void Faults_in_order_with_delays_adding_up()
    {
        var injector = new FaultInjector(new SandboxFaultPlan
        {
            Rules =
            [
                new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 5, Count = 2 },
                new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 429, RetryAfterSeconds = 3, DelayMilliseconds = 7, Count = 1 },
                new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Count = 1 },
            ],
        });

        Assert.Equal(new FaultDecision(SandboxFaultKind.Status, 429, 3, 12), injector.Next());
        Assert.Equal(new FaultDecision(SandboxFaultKind.ResetAfter, 0, null, 5), injector.Next());
        Assert.Equal(FaultDecision.None, injector.Next());
        Assert.Empty(injector.Current().Rules);
    }

    [Fact]
    public void Every_signal_has_its_user_data_key()
    {
        var keys = WireVocabulary.SignalKeys.ToDictionary(k => k.Signal, k => k.Key);

        Assert.Equal(15, keys.Count);
        Assert.Equal("em", keys[PinterestSignals.Email]);
        Assert.Equal("hashed_maids", keys[PinterestSignals.MobileAdId]);
        Assert.Equal("client_ip_address", keys[PinterestSignals.ClientIpAddress]);
        Assert.Equal("click_id", keys[PinterestSignals.ClickId]);
        Assert.Equal("country", keys[PinterestSignals.Country]);
        Assert.Equal(22, WireVocabulary.EventNames.Count);
        Assert.Equal(EventName.AddToCart, WireVocabulary.TagEventNames["addtocart"]);
        Assert.Equal(EventName.AddToCart, WireVocabulary.TagEventNames["AddToCart"]);
        Assert.Equal(EventName.AddToCart, WireVocabulary.TagEventNames["add_to_cart"]);
    }
}
