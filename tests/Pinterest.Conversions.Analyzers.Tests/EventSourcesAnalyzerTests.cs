using Pinterest.Conversions.Generators.Analyzers;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.AnalyzerVerifier<Pinterest.Conversions.Generators.Analyzers.EventSourcesAnalyzer>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>PIN003 (no event_id), PIN004 (two sources), PIN005 (EventIdFormat) and PIN002 for inherited members.</summary>
public class EventSourcesAnalyzerTests
{
    // ---- PIN003 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN003_fires_without_an_EventId_member_or_format() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Checkout)]
        public partial record {|#0:OrderPlaced|}
        {
            // A property named EventId is not enough: it must be mapped.
            public string EventId { get; init; } = "";
            [MapTo(PinterestField.OrderId)] public string OrderNumber { get; init; } = "";
        }
        """,
        Verify.Diagnostic("PIN003").WithLocation(0).WithArguments("OrderPlaced"));

    [Fact]
    public Task PIN003_fires_on_a_nested_event_type_and_when_the_format_is_null() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public partial class Outer
        {
            [PinterestEvent(EventName.Lead, EventIdFormat = null)]
            public partial struct {|#0:Lead|} { }
        }
        """,
        Verify.Diagnostic("PIN003").WithLocation(0).WithArguments("Lead"));

    [Fact]
    public Task PIN003_does_not_fire_with_an_own_inherited_positional_or_formatted_event_id() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Pinterest.Conversions;
        namespace Shop;

        public abstract record IdentifiedEvent { [MapTo(PinterestField.EventId)] public Guid EventId { get; init; } }
        public abstract record WebEvent : IdentifiedEvent;

        [PinterestEvent(EventName.PageVisit)]
        public partial record Visited : WebEvent;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced([MapTo(PinterestField.EventId)] string OrderNumber);

        [PinterestEvent(EventName.Signup)]
        public partial record SignedUp([property: MapTo(PinterestField.EventId)] long UserId);

        [PinterestEvent(EventName.Lead, EventIdFormat = "lead-{FormId}-{Submitted}")]
        public partial class Lead { public int FormId { get; set; } public DateTimeOffset Submitted { get; set; } }

        public static partial class Outer
        {
            [PinterestEvent(EventName.Search)]
            internal partial struct Searched { [MapTo(PinterestField.EventId)] public int Id; }
        }
        """);

    // ---- PIN004 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN004_fires_when_EventId_is_mapped_and_EventIdFormat_is_set() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout, {|#0:EventIdFormat = "order-{Id}"|})]
        public partial record OrderPlaced { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN004").WithLocation(0).WithArguments("event_id", "OrderPlaced", "'Id' is mapped to EventId and EventIdFormat is set"));

    [Fact]
    public Task PIN004_fires_when_ActionSource_is_mapped_and_set_on_the_attribute() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record Base { [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; } }

        [PinterestEvent(EventName.Checkout, {|#0:ActionSource = ActionSource.Web|})]
        public partial record OrderPlaced : Base { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN004").WithLocation(0).WithArguments("action_source", "OrderPlaced", "'Source' is mapped to ActionSource and the attribute sets ActionSource"));

    [Fact]
    public Task PIN004_fires_on_a_single_valued_field_mapped_twice_also_across_a_base_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        // Inherited: reported on the event type, where the conflict is (a diagnostic local to the analyzed symbol).
        public abstract record WebEvent { [MapTo(PinterestField.ClientIpAddress)] public string? RemoteIp { get; init; } }

        [PinterestEvent(EventName.Checkout)]
        public partial record {|#1:OrderPlaced|} : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            [{|#0:MapTo(PinterestField.Value)|}] public decimal Amount { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
        }
        """,
        Verify.Diagnostic("PIN004").WithLocation(0).WithArguments("custom_data.value", "OrderPlaced", "'Total' and 'Amount' are both mapped to Value"),
        Verify.Diagnostic("PIN004").WithLocation(1).WithArguments("user_data.client_ip_address", "OrderPlaced", "'Ip' and 'RemoteIp' are both mapped to ClientIpAddress"));

    [Fact]
    public Task PIN004_fires_on_EventId_mapped_twice_on_positional_parameters() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced([MapTo(PinterestField.EventId)] string A, [{|#0:MapTo(PinterestField.EventId)|}] string B);
        """,
        Verify.Diagnostic("PIN004").WithLocation(0).WithArguments("event_id", "OrderPlaced", "'A' and 'B' are both mapped to EventId"));

    [Fact]
    public Task PIN004_fires_on_an_Item_field_mapped_twice_on_the_Contents_element_type() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Pinterest.Conversions;

        public abstract record CartEvent { [MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = []; }

        [PinterestEvent(EventName.Checkout)]
        public partial record {|#1:OrderPlaced|} : CartEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
        }

        [PinterestEvent(EventName.AddToCart)]
        public partial record AddedToCart
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Contents)] public Line[] {|#0:Lines|} { get; init; } = [];
        }

        public abstract class LineBase { [MapTo(PinterestField.ItemId)] public string Id { get; set; } = ""; }
        public sealed class Line : LineBase
        {
            [MapTo(PinterestField.ItemId)] public string Sku { get; set; } = "";
            [MapTo(PinterestField.Quantity)] public int Quantity { get; set; }
        }
        """,
        Verify.Diagnostic("PIN004").WithLocation(0).WithArguments("custom_data.contents[].id", "Line", "'Sku' and 'Id' are both mapped to ItemId"),
        Verify.Diagnostic("PIN004").WithLocation(1).WithArguments("custom_data.contents[].id", "Line", "'Sku' and 'Id' are both mapped to ItemId"));

    [Fact]
    public Task PIN004_does_not_fire_on_hashed_fields_mapped_twice_or_LDP_with_opt_out_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record Person { [MapTo(PinterestField.Email)] public string? WorkEmail { get; init; } }

        [PinterestEvent(EventName.Lead, ActionSource = ActionSource.Web, EventIdFormat = "lead-{Id}")]
        public partial record Lead : Person
        {
            public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Email)] public string[] OtherEmails { get; init; } = [];
            [MapTo(PinterestField.Phone)] public string? Mobile { get; init; }
            [MapTo(PinterestField.Phone)] public string? Landline { get; init; }
            [MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; }
            [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
        }

        // An overriding property counts once.
        public abstract class Base { [MapTo(PinterestField.Value)] public virtual decimal Value { get; set; } }

        [PinterestEvent(EventName.Checkout)]
        public partial class Order : Base
        {
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
            [MapTo(PinterestField.Value)] public override decimal Value { get; set; }
        }
        """);

    // ---- PIN005 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN005_fires_on_a_placeholder_that_cannot_be_formatted() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout, {|#0:EventIdFormat = "order-{Pointer}"|})]
        public unsafe partial struct OrderPlaced
        {
            public int* Pointer;
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }
        """,
        Verify.Diagnostic("PIN005").WithLocation(0).WithArguments("order-{Pointer}", "'Pointer' is a int*, which cannot be formatted into an event_id"));

    [Theory]
    [InlineData("order-{Id", "the '{' at position 6 is never closed")]
    [InlineData("order-}{Id}", "an unmatched '}' at position 6 (write '}}' for a literal brace)")]
    [InlineData("order-{}", "'{}' does not name a member")]
    [InlineData("order-{Id:N}", "'{Id:N}' does not name a member")]
    [InlineData("order-{{Id}}", "it has no placeholder, so every event would share one event_id")]
    [InlineData("", "it has no placeholder, so every event would share one event_id")]
    public Task PIN005_fires_on_a_malformed_format(string format, string error) => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout, {|#0:EventIdFormat = "{{format}}"|})]
        public partial record OrderPlaced { public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN005").WithLocation(0).WithArguments(format, error));

    [Fact]
    public Task PIN005_fires_on_a_placeholder_naming_a_missing_or_unreadable_member() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract class Base { private string Secret { get; set; } = ""; public string Hidden { private get; set; } = ""; }

        [PinterestEvent(EventName.Checkout, {|#0:EventIdFormat = "o-{Missing}-{Secret}-{Hidden}-{Count}-{Id}"|})]
        public partial class OrderPlaced : Base
        {
            public string Id { get; set; } = "";
            public static int Count { get; set; }
        }
        """,
        Verify.Diagnostic("PIN005").WithLocation(0).WithArguments("o-{Missing}-{Secret}-{Hidden}-{Count}-{Id}", "'Missing' is not a readable property or field of 'OrderPlaced' or its base types"),
        Verify.Diagnostic("PIN005").WithLocation(0).WithArguments("o-{Missing}-{Secret}-{Hidden}-{Count}-{Id}", "'Secret' is not a readable property or field of 'OrderPlaced' or its base types"),
        Verify.Diagnostic("PIN005").WithLocation(0).WithArguments("o-{Missing}-{Secret}-{Hidden}-{Count}-{Id}", "'Hidden' is not a readable property or field of 'OrderPlaced' or its base types"),
        Verify.Diagnostic("PIN005").WithLocation(0).WithArguments("o-{Missing}-{Secret}-{Hidden}-{Count}-{Id}", "'Count' is not a readable property or field of 'OrderPlaced' or its base types"));

    [Fact]
    public Task PIN005_does_not_fire_on_escaped_braces_inherited_and_positional_members() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record WebEvent { protected string Session { get; init; } = ""; internal int Line; }

        [PinterestEvent(EventName.Checkout, EventIdFormat = "{{order}}-{OrderNumber}-{Session}-{Line}-{_under}")]
        public partial record OrderPlaced(string OrderNumber) : WebEvent { private readonly string _under = ""; }

        public static partial class Outer
        {
            [PinterestEvent(EventName.Lead, EventIdFormat = "{Id}")]
            public partial record struct Lead(int Id);
        }
        """);

    // ---- PIN002 (inherited members) -----------------------------------------------------------------------------

    [Fact]
    public Task PIN002_fires_on_an_inherited_member_the_event_cannot_read() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record Person
        {
            [MapTo(PinterestField.Email)] private string? Email { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|} : Person { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Person.Email", "string?", "PinterestField.Email",
            "a member 'Lead' can read (it is not accessible from the event type)"));

    [Fact]
    public Task PIN002_does_not_fire_on_protected_inherited_members() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record Person
        {
            [MapTo(PinterestField.Email)] protected string? Email { get; init; }
            [MapTo(PinterestField.Phone)] protected internal string? Phone;
        }

        [PinterestEvent(EventName.Lead)]
        public partial record Lead : Person { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """);

    [Fact]
    public void Supported_diagnostics_are_the_catalogue_entries()
    {
        var ids = new EventSourcesAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order();
        Assert.Equal(["PIN002", "PIN003", "PIN004", "PIN005"], ids);
    }
}
