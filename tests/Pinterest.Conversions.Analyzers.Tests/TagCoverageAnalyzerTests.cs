using Microsoft.CodeAnalysis;
using Pinterest.Conversions.Analyzers.Tests.Verifiers;
using Pinterest.Conversions.Generators.Analyzers;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.AnalyzerVerifier<Pinterest.Conversions.Generators.Analyzers.TagCoverageAnalyzer>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>PIN016: lower-funnel Tag events need a [PinterestEvent] type here or in a referenced assembly.</summary>
public class TagCoverageAnalyzerTests
{
    private const string AnyLowerFunnel = "lower-funnel events (add_to_cart, checkout, lead or signup)";

    /// <summary>A class library with a checkout event type (nested, like a real events assembly might have it).</summary>
    private static readonly Lazy<MetadataReference> s_checkoutLibrary = new(() => TestSetup.CompileReference("Shop.Events", """
        using Pinterest.Conversions;
        namespace Shop.Events;

        public static partial class Orders
        {
            [PinterestEvent(EventName.Checkout)]
            public partial record OrderPlaced { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        }
        """));

    /// <summary>A library that references the runtime but declares no event type.</summary>
    private static readonly Lazy<MetadataReference> s_emptyLibrary = new(() => TestSetup.CompileReference("Shop.Common", """
        namespace Shop.Common;
        public abstract record WebEvent { [Pinterest.Conversions.MapTo(Pinterest.Conversions.PinterestField.ClientIpAddress)] public string? Ip { get; init; } }
        """));

    [Fact]
    public Task PIN016_fires_for_each_listed_lower_funnel_event_without_a_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [assembly: {|#0:UsesPinterestTag(EventName.PageVisit, EventName.AddToCart, EventName.Checkout, EventName.Lead, EventName.Signup, EventName.Search)|}]

        [PinterestEvent(EventName.Lead)]
        public partial record Lead { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN016").WithLocation(0).WithArguments("add_to_cart"),
        Verify.Diagnostic("PIN016").WithLocation(0).WithArguments("checkout"),
        Verify.Diagnostic("PIN016").WithLocation(0).WithArguments("signup"));

    [Fact]
    public Task PIN016_fires_once_for_an_event_listed_twice() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [assembly: {|#0:UsesPinterestTag(new[] { EventName.Checkout, EventName.Checkout })|}]
        """,
        Verify.Diagnostic("PIN016").WithLocation(0).WithArguments("checkout"));

    [Fact]
    public Task PIN016_fires_without_arguments_when_no_lower_funnel_event_has_a_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [assembly: {|#0:UsesPinterestTag|}]

        [PinterestEvent(EventName.PageVisit)]
        public partial record Visited { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        [PinterestEvent(EventName.AddToWishlist)]
        public partial record Wished { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN016").WithLocation(0).WithArguments(AnyLowerFunnel));

    [Fact]
    public Task PIN016_does_not_fire_when_every_listed_lower_funnel_event_has_a_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [assembly: UsesPinterestTag(EventName.PageVisit, EventName.AddToCart, EventName.Signup, EventName.Search, (EventName)999)]

        public static partial class Events
        {
            [PinterestEvent(EventName.AddToCart)]
            public partial record AddedToCart { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

            public partial class Accounts
            {
                [PinterestEvent(EventName.Signup, ActionSource = ActionSource.AppIos)]
                public partial struct SignedUp { [MapTo(PinterestField.EventId)] public string Id; }
            }
        }
        """);

    [Fact]
    public Task PIN016_without_arguments_does_not_fire_when_one_lower_funnel_event_has_a_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [assembly: UsesPinterestTag()]

        [PinterestEvent(EventName.Signup)]
        public partial record SignedUp([MapTo(PinterestField.EventId)] string Id);
        """);

    [Fact]
    public Task PIN016_does_not_fire_without_UsesPinterestTag() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.PageVisit)]
        public partial record Visited { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """);

    [Fact]
    public Task PIN016_is_satisfied_by_an_event_type_in_a_referenced_assembly()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Pinterest.Conversions;

                [assembly: {|#0:UsesPinterestTag(EventName.Checkout, EventName.Lead)|}]
                """,
        };
        test.TestState.AdditionalReferences.Add(s_checkoutLibrary.Value);
        test.TestState.AdditionalReferences.Add(s_emptyLibrary.Value);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN016").WithLocation(0).WithArguments("lead"));
        return test.RunAsync();
    }

    [Fact]
    public Task PIN016_is_satisfied_by_an_internal_event_type_in_a_referenced_assembly()
    {
        // Internal types send events at run time just the same.
        var library = TestSetup.CompileReference("Shop.Internal", """
            using Pinterest.Conversions;
            [PinterestEvent(EventName.AddToCart)]
            internal partial record AddedToCart { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
            """);
        var test = new Verify.Test { TestCode = "[assembly: Pinterest.Conversions.UsesPinterestTag(Pinterest.Conversions.EventName.AddToCart)]" };
        test.TestState.AdditionalReferences.Add(library);
        return test.RunAsync();
    }

    [Fact]
    public Task PIN016_without_arguments_is_satisfied_by_a_referenced_assembly()
    {
        var test = new Verify.Test { TestCode = "[assembly: Pinterest.Conversions.UsesPinterestTag]" };
        test.TestState.AdditionalReferences.Add(s_checkoutLibrary.Value);
        return test.RunAsync();
    }

    [Fact]
    public Task PIN016_without_arguments_is_not_satisfied_by_a_library_without_event_types()
    {
        var test = new Verify.Test { TestCode = "[assembly: {|#0:Pinterest.Conversions.UsesPinterestTag|}]" };
        test.TestState.AdditionalReferences.Add(s_emptyLibrary.Value);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN016").WithLocation(0).WithArguments(AnyLowerFunnel));
        return test.RunAsync();
    }

    [Fact]
    public Task PIN016_counts_an_advertiser_defined_name_equal_to_the_wire_name() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [assembly: UsesPinterestTag(EventName.Checkout)]

        [PinterestEvent("checkout")]
        public partial record OrderPlaced([MapTo(PinterestField.EventId)] string Id);
        """,
        // PIN013 is another analyzer's; this one only checks coverage.
        []);

    [Fact]
    public void Supported_diagnostics_are_the_catalogue_entries() =>
        Assert.Equal(["PIN016"], new TagCoverageAnalyzer().SupportedDiagnostics.Select(d => d.Id));
}
