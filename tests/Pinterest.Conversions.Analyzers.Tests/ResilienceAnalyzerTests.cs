using Pinterest.Conversions.Generators.Analyzers;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.AnalyzerVerifier<Pinterest.Conversions.Generators.Analyzers.ResilienceAnalyzer>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>PIN007 (never sendable), PIN010, PIN011 (Poor), PIN012 (Good, not Great), PIN015 (LDP without region).</summary>
public class ResilienceAnalyzerTests
{
    /// <summary>Every medium and low weight signal, so that a type is Great unless a test leaves one out.</summary>
    private const string AllMediumAndLow = """
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.Gender)] public string? Gender { get; init; }
            [MapTo(PinterestField.DateOfBirth)] public System.DateOnly? Born { get; init; }
            [MapTo(PinterestField.LastName)] public string? LastName { get; init; }
            [MapTo(PinterestField.FirstName)] public string? FirstName { get; init; }
            [MapTo(PinterestField.City)] public string? City { get; init; }
            [MapTo(PinterestField.State)] public string? State { get; init; }
            [MapTo(PinterestField.Zip)] public string? Zip { get; init; }
            [MapTo(PinterestField.Country)] public string? Country { get; init; }
            [MapTo(PinterestField.ExternalId)] public string? UserId { get; init; }
            [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
        """;

    private const string AllMissing = "Phone, Gender, DateOfBirth, LastName, FirstName, City, State, Zip, Country, ExternalId, ClickId";

    // ---- PIN007 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN007_fires_without_email_mobile_ad_id_or_both_ip_and_user_agent() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.PageVisit)]
        public partial record {|#0:Visited|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
        {{AllMediumAndLow}}
        }
        """,
        Verify.Diagnostic("PIN007").WithLocation(0).WithArguments("Visited"));

    [Fact]
    public Task PIN007_fires_on_nested_offline_events_too_and_ignores_members_of_the_wrong_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public partial class Outer
        {
            [PinterestEvent(EventName.Checkout, ActionSource = ActionSource.Offline)]
            public partial record {|#0:InStore|}([MapTo(PinterestField.EventId)] string Receipt, [MapTo(PinterestField.Email)] int Email);
        }
        """,
        Verify.Diagnostic("PIN007").WithLocation(0).WithArguments("InStore"));

    [Fact]
    public Task PIN007_does_not_count_members_the_event_cannot_read() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record Person { [MapTo(PinterestField.Email)] private string? Email { get; init; } }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|} : Person
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.MobileAdId)] public string? Maid { set { } }
        }
        """,
        Verify.Diagnostic("PIN007").WithLocation(0).WithArguments("Lead"));

    [Fact]
    public Task PIN007_does_not_fire_with_email_mobile_ad_id_or_ip_and_user_agent_from_a_base_type() => Verify.VerifyAnalyzerAsync($$"""
        using System.Collections.Generic;
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.PageVisit)]
        public partial record Visited : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        {{AllMediumAndLow}}
        }

        [PinterestEvent(EventName.AppInstall, ActionSource = ActionSource.Offline)]
        public partial record Installed(
            [MapTo(PinterestField.EventId)] string Id,
            [MapTo(PinterestField.MobileAdId)] IReadOnlyList<string> Maids)
        {
        {{AllMediumAndLow}}
        }

        [PinterestEvent(EventName.Lead, ActionSource = ActionSource.Offline)]
        public partial record OfflineLead([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email)
        {
        {{AllMediumAndLow}}
        }
        """);

    // ---- PIN010 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN010_fires_on_a_checkout_with_only_ip_and_user_agent() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Checkout)]
        public partial record {|#0:OrderPlaced|} : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
        {{AllMediumAndLow}}
        }
        """,
        Verify.Diagnostic("PIN010").WithLocation(0).WithArguments("OrderPlaced"));

    [Fact]
    public Task PIN010_fires_on_an_advertiser_defined_name_that_is_the_checkout_wire_name() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        // "checkout" on the wire is Pinterest's checkout, whichever constructor wrote it.
        [PinterestEvent("checkout")]
        public partial record {|#0:OrderPlaced|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        {{AllMediumAndLow}}
        }
        """,
        Verify.Diagnostic("PIN010").WithLocation(0).WithArguments("OrderPlaced"));

    [Fact]
    public Task PIN010_does_not_fire_on_a_checkout_with_email_or_on_other_events() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email) : WebEvent
        {
        {{AllMediumAndLow}}
        }

        [PinterestEvent(EventName.AddToCart)]
        public partial record AddedToCart([MapTo(PinterestField.EventId)] string Id) : WebEvent
        {
        {{AllMediumAndLow}}
        }

        [PinterestEvent("Checkout")] // not the wire name: an advertiser-defined event
        public partial record CustomCheckout([MapTo(PinterestField.EventId)] string Id) : WebEvent
        {
        {{AllMediumAndLow}}
        }
        """);

    // ---- PIN011 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN011_fires_without_ip_and_user_agent() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        {{AllMediumAndLow}}
        }

        [PinterestEvent(EventName.Signup, ActionSource = ActionSource.AppIos)]
        public partial record {|#1:SignedUp|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
        {{AllMediumAndLow}}
        }

        [PinterestEvent(EventName.Search)]
        public partial record {|#2:Searched|}(
            [MapTo(PinterestField.EventId)] string Id,
            [MapTo(PinterestField.MobileAdId)] string? Maid,
            [MapTo(PinterestField.ClientUserAgent)] string? Agent)
        {
        {{AllMediumAndLow}}
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent"),
        Verify.Diagnostic("PIN011").WithLocation(1).WithArguments("SignedUp", "ClientUserAgent"),
        Verify.Diagnostic("PIN011").WithLocation(2).WithArguments("Searched", "ClientIpAddress"));

    [Fact]
    public Task PIN011_does_not_fire_on_offline_events_or_with_a_mapped_action_source() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout, ActionSource = ActionSource.Offline)]
        public partial record InStore
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        {{AllMediumAndLow}}
        }

        public abstract record Sourced { [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; } }

        [PinterestEvent(EventName.Checkout)]
        public partial record Anywhere : Sourced
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        {{AllMediumAndLow}}
        }
        """);

    // ---- PIN012 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN012_lists_every_missing_medium_and_low_signal() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record {|#0:OrderPlaced|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }
        """,
        Verify.Diagnostic("PIN012").WithLocation(0).WithArguments("OrderPlaced", AllMissing));

    [Fact]
    public Task PIN012_counts_first_and_last_name_as_one_signal() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record WebEvent(
            [MapTo(PinterestField.ClientIpAddress)] string? Ip,
            [MapTo(PinterestField.ClientUserAgent)] string? UserAgent);

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|}(string? Ip, string? UserAgent) : WebEvent(Ip, UserAgent)
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.Gender)] public string? Gender { get; init; }
            [MapTo(PinterestField.DateOfBirth)] public string? Born { get; init; }
            [MapTo(PinterestField.FirstName)] public string? FirstName { get; init; }
            [MapTo(PinterestField.City)] public string? City { get; init; }
            [MapTo(PinterestField.State)] public string? State { get; init; }
            [MapTo(PinterestField.Zip)] public string? Zip { get; init; }
            [MapTo(PinterestField.Country)] public string? Country { get; init; }
            [MapTo(PinterestField.ExternalId)] public string? UserId { get; init; }
        }
        """,
        Verify.Diagnostic("PIN012").WithLocation(0).WithArguments("Lead", "LastName, FirstName, ClickId"));

    [Fact]
    public Task PIN012_does_not_fire_on_a_Great_event_or_a_Poor_one() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record Great
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        {{AllMediumAndLow}}
        }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Poor|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Poor", "ClientIpAddress and ClientUserAgent"));

    // ---- PIN015 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN015_fires_on_LDP_or_opt_out_type_without_state_and_country() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#9:NoRegion|} : WebEvent { [MapTo(PinterestField.LimitedDataProcessing)] public bool {|#0:Ldp|} { get; init; } }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#8:NoCountry|} : WebEvent
        {
            [MapTo(PinterestField.State)] public string? State { get; init; }
            [MapTo(PinterestField.OptOutType)] public string? {|#1:OptOut|} { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#7:NoState|}([MapTo(PinterestField.Country)] string? Country, [MapTo(PinterestField.LimitedDataProcessing)] bool? {|#2:Ldp|}) : WebEvent;
        """,
        Verify.Diagnostic("PIN015").WithLocation(0).WithArguments("NoRegion", "LimitedDataProcessing", "State and Country"),
        Verify.Diagnostic("PIN015").WithLocation(1).WithArguments("NoCountry", "OptOutType", "Country"),
        Verify.Diagnostic("PIN015").WithLocation(2).WithArguments("NoState", "LimitedDataProcessing", "State"),
        Verify.Diagnostic("PIN012").WithLocation(9).WithArguments("NoRegion", AllMissing),
        Verify.Diagnostic("PIN012").WithLocation(8).WithArguments("NoCountry", "Phone, Gender, DateOfBirth, LastName, FirstName, City, Zip, Country, ExternalId, ClickId"),
        Verify.Diagnostic("PIN012").WithLocation(7).WithArguments("NoState", "Phone, Gender, DateOfBirth, LastName, FirstName, City, State, Zip, ExternalId, ClickId"));

    [Fact]
    public Task PIN015_on_an_inherited_member_is_reported_on_the_event_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record Consenting { [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; } }

        [PinterestEvent(EventName.Lead, ActionSource = ActionSource.Offline)]
        public partial record {|#0:Lead|} : Consenting
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Country)] public string? Country { get; init; }
        }
        """,
        Verify.Diagnostic("PIN015").WithLocation(0).WithArguments("Lead", "LimitedDataProcessing", "State"),
        Verify.Diagnostic("PIN012").WithLocation(0).WithArguments("Lead", "Phone, Gender, DateOfBirth, LastName, FirstName, City, State, Zip, ExternalId, ClickId"));

    [Fact]
    public Task PIN015_does_not_fire_with_state_and_country_also_inherited() => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        public abstract record Located
        {
            [MapTo(PinterestField.State)] public string? Region { get; init; }
            [MapTo(PinterestField.Country)] public string? Nation { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record Lead : Located
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
            [MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; }
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.Gender)] public string? Gender { get; init; }
            [MapTo(PinterestField.DateOfBirth)] public System.DateOnly? Born { get; init; }
            [MapTo(PinterestField.LastName)] public string? LastName { get; init; }
            [MapTo(PinterestField.FirstName)] public string? FirstName { get; init; }
            [MapTo(PinterestField.City)] public string? City { get; init; }
            [MapTo(PinterestField.Zip)] public string? Zip { get; init; }
            [MapTo(PinterestField.ExternalId)] public string? UserId { get; init; }
            [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
        }
        """);

    [Fact]
    public void Supported_diagnostics_are_the_catalogue_entries()
    {
        var ids = new ResilienceAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order();
        Assert.Equal(["PIN007", "PIN010", "PIN011", "PIN012", "PIN015"], ids);
    }
}
