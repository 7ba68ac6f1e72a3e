using Microsoft.CodeAnalysis.Testing;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Pinterest.Conversions.Generators.Analyzers.ResilienceAnalyzer,
    Pinterest.Conversions.CodeFixes.MapMembersCodeFixProvider>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>PIN011's and PIN010's fix: map unmapped members whose names say what they hold.</summary>
public class MapMembersCodeFixTests
{
    /// <summary>Every medium and low weight signal, so that PIN012 stays out of the way.</summary>
    private const string Great = """
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.Gender)] public string? Gender { get; init; }
            [MapTo(PinterestField.DateOfBirth)] public string? Born { get; init; }
            [MapTo(PinterestField.LastName)] public string? LastName { get; init; }
            [MapTo(PinterestField.FirstName)] public string? FirstName { get; init; }
            [MapTo(PinterestField.City)] public string? City { get; init; }
            [MapTo(PinterestField.State)] public string? State { get; init; }
            [MapTo(PinterestField.Zip)] public string? Zip { get; init; }
            [MapTo(PinterestField.Country)] public string? Country { get; init; }
            [MapTo(PinterestField.ExternalId)] public string? UserId { get; init; }
            [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
        """;

    [Fact]
    public Task PIN011_maps_Ip_and_UserAgent_properties() => Verify.VerifyCodeFixAsync($$"""
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            public string? Ip { get; init; }

            /// <summary>The browser's user agent.</summary>
            public string? UserAgent { get; init; }
        {{Great}}
        }
        """, $$"""
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Lead)]
        public partial record Lead
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)]
            public string? Ip { get; init; }

            /// <summary>The browser's user agent.</summary>
            [MapTo(PinterestField.ClientUserAgent)]
            public string? UserAgent { get; init; }
        {{Great}}
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent"));

    [Fact]
    public Task PIN011_maps_only_the_missing_one_and_fields_too() => Verify.VerifyCodeFixAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial class {|#0:Lead|}
        {
            [MapTo(PinterestField.EventId)] public string Id = "";
            [MapTo(PinterestField.Email)] public string? Email;
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip;
            public string? ua;
        {{Great.Replace("{ get; init; }", ";")}}
        }
        """, $$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial class Lead
        {
            [MapTo(PinterestField.EventId)] public string Id = "";
            [MapTo(PinterestField.Email)] public string? Email;
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip;
            [MapTo(PinterestField.ClientUserAgent)]
            public string? ua;
        {{Great.Replace("{ get; init; }", ";")}}
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientUserAgent"));

    [Fact]
    public Task PIN011_maps_members_of_a_base_type_in_the_same_file() => Verify.VerifyCodeFixAsync($$"""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            public string? RemoteIpAddress { get; init; }
            public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|} : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        {{Great}}
        }
        """, $$"""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)]
            public string? RemoteIpAddress { get; init; }
            [MapTo(PinterestField.ClientUserAgent)]
            public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record Lead : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        {{Great}}
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent"));

    [Fact]
    public Task PIN011_maps_positional_record_parameters() => Verify.VerifyCodeFixAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|}([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email, string? Ip, string? UserAgent)
        {
        {{Great}}
        }
        """, $$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial record Lead([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email, [MapTo(PinterestField.ClientIpAddress)] string? Ip, [MapTo(PinterestField.ClientUserAgent)] string? UserAgent)
        {
        {{Great}}
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent"));

    [Fact]
    public Task PIN011_does_not_map_again_a_field_already_mapped_on_a_positional_parameter() => Verify.VerifyCodeFixAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|}([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email, [MapTo(PinterestField.ClientIpAddress)] string? Ip, string? UserAgent)
        {
        {{Great}}
        }
        """, $$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial record Lead([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email, [MapTo(PinterestField.ClientIpAddress)] string? Ip, [MapTo(PinterestField.ClientUserAgent)] string? UserAgent)
        {
        {{Great}}
        }
        """,
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientUserAgent"));

    [Fact]
    public Task PIN011_qualifies_names_without_a_using_and_keeps_other_attributes() => new Verify.Test
    {
        TestCode = """
        namespace Shop
        {
            [Pinterest.Conversions.PinterestEvent(Pinterest.Conversions.EventName.Lead, ActionSource = Pinterest.Conversions.ActionSource.AppAndroid)]
            public partial class {|#0:Lead|}
            {
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.EventId)] public string Id { get; set; } = "";
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.MobileAdId)] public string? Maid { get; set; }
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.ClientIpAddress)] public string? Ip { get; set; }

                // Kept.
                [System.Obsolete("Use the header")] public string? UserAgent { get; set; }
            }
        }
        """,
        FixedCode = """
        namespace Shop
        {
            [Pinterest.Conversions.PinterestEvent(Pinterest.Conversions.EventName.Lead, ActionSource = Pinterest.Conversions.ActionSource.AppAndroid)]
            public partial class Lead
            {
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.EventId)] public string Id { get; set; } = "";
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.MobileAdId)] public string? Maid { get; set; }
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.ClientIpAddress)] public string? Ip { get; set; }

                // Kept.
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.ClientUserAgent)]
                [System.Obsolete("Use the header")] public string? UserAgent { get; set; }
            }
        }
        """,
        ExpectedDiagnostics = { Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientUserAgent") },
        FixedState =
        {
            ExpectedDiagnostics =
            {
                Verify.Diagnostic("PIN012").WithSpan(4, 26, 4, 30)
                    .WithArguments("Lead", "Phone, Gender, DateOfBirth, LastName, FirstName, City, State, Zip, Country, ExternalId, ClickId"),
            },
        },
    }.RunAsync();

    [Fact]
    public Task PIN011_maps_members_of_a_base_type_in_another_document()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/WebEvent.cs", """
            namespace Shop;

            public abstract class WebEvent
            {
                public string? Ip { get; set; }
                public string? UserAgent { get; set; }
            }
            """));
        test.TestState.Sources.Add(("/0/Lead.cs", """
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Lead)]
            public partial class {|#0:Lead|} : WebEvent
            {
                [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
                [MapTo(PinterestField.Email)] public string? Email { get; set; }
            }
            """));
        test.FixedState.Sources.Add(("/0/WebEvent.cs", """
            namespace Shop;

            public abstract class WebEvent
            {
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.ClientIpAddress)]
                public string? Ip { get; set; }
                [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.ClientUserAgent)]
                public string? UserAgent { get; set; }
            }
            """));
        test.FixedState.Sources.Add(("/0/Lead.cs", """
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Lead)]
            public partial class Lead : WebEvent
            {
                [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
                [MapTo(PinterestField.Email)] public string? Email { get; set; }
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent"));
        // Once Poor is fixed, the event is Good: PIN012 appears.
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN012").WithSpan("/0/Lead.cs", 5, 22, 5, 26).WithArguments("Lead",
            "Phone, Gender, DateOfBirth, LastName, FirstName, City, State, Zip, Country, ExternalId, ClickId"));
        return test.RunAsync();
    }

    [Fact]
    public Task PIN010_maps_Email() => Verify.VerifyCodeFixAsync($$"""
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
            public decimal Email { get; init; } // not a string: never mapped
            public string? CustomerEmail { get; init; }
        {{Great}}
        }
        """, $$"""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            public decimal Email { get; init; } // not a string: never mapped
            [MapTo(PinterestField.Email)]
            public string? CustomerEmail { get; init; }
        {{Great}}
        }
        """,
        Verify.Diagnostic("PIN010").WithLocation(0).WithArguments("OrderPlaced"));

    [Fact]
    public Task No_fix_is_offered_when_no_member_name_fits()
    {
        const string source = """
            using Pinterest.Conversions;

            [PinterestEvent(EventName.Checkout)]
            public partial record {|#0:OrderPlaced|}
            {
                [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
                [MapTo(PinterestField.MobileAdId)] public string? Maid { get; init; }
                public string? Address { get; init; }
                public int Ip { get; init; }
                public static string? UserAgent { get; set; }
            }
            """;
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("OrderPlaced", "ClientIpAddress and ClientUserAgent"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_maps_members_across_a_project()
    {
        // PIN011 and PIN010 fixes have their own equivalence keys, so Fix All takes one pass per kind: in the project,
        // PIN011 everywhere then PIN010; per document, one pass for WebEvents.cs and two for Orders.cs.
        var test = new Verify.Test { NumberOfFixAllIterations = 2, NumberOfFixAllInDocumentIterations = 3 };
        test.TestState.Sources.Add(("/0/WebEvents.cs", $$"""
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Lead)]
            public partial record {|#0:Lead|}([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email, string? ClientIp, string? UserAgent)
            {
            {{Great}}
            }

            [PinterestEvent(EventName.Signup)]
            public partial class {|#1:SignedUp|}
            {
                [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
                [MapTo(PinterestField.Email)] public string? Email { get; set; }
                public string? IpAddress { get; set; }
                public string? Ua { get; set; }
            {{Great.Replace("init", "set")}}
            }
            """));
        test.TestState.Sources.Add(("/0/Orders.cs", $$"""
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Checkout)]
            public partial record {|#2:OrderPlaced|}
            {
                [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
                public string? EmailAddress { get; init; }
            {{Great}}
            }

            [PinterestEvent(EventName.AddToCart)]
            public partial record {|#3:AddedToCart|}
            {
                [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                public string? UserIp { get; init; }
                public string? UserAgent { get; init; }
            {{Great}}
            }
            """));
        test.FixedState.Sources.Add(("/0/WebEvents.cs", $$"""
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Lead)]
            public partial record Lead([MapTo(PinterestField.EventId)] string Id, [MapTo(PinterestField.Email)] string? Email, [MapTo(PinterestField.ClientIpAddress)] string? ClientIp, [MapTo(PinterestField.ClientUserAgent)] string? UserAgent)
            {
            {{Great}}
            }

            [PinterestEvent(EventName.Signup)]
            public partial class SignedUp
            {
                [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
                [MapTo(PinterestField.Email)] public string? Email { get; set; }
                [MapTo(PinterestField.ClientIpAddress)]
                public string? IpAddress { get; set; }
                [MapTo(PinterestField.ClientUserAgent)]
                public string? Ua { get; set; }
            {{Great.Replace("init", "set")}}
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", $$"""
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Checkout)]
            public partial record OrderPlaced
            {
                [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
                [MapTo(PinterestField.Email)]
                public string? EmailAddress { get; init; }
            {{Great}}
            }

            [PinterestEvent(EventName.AddToCart)]
            public partial record AddedToCart
            {
                [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [MapTo(PinterestField.ClientIpAddress)]
                public string? UserIp { get; init; }
                [MapTo(PinterestField.ClientUserAgent)]
                public string? UserAgent { get; init; }
            {{Great}}
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN011").WithLocation(1).WithArguments("SignedUp", "ClientIpAddress and ClientUserAgent"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN010").WithLocation(2).WithArguments("OrderPlaced"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN011").WithLocation(3).WithArguments("AddedToCart", "ClientIpAddress and ClientUserAgent"));
        return test.RunAsync();
    }
}
