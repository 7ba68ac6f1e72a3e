using Pinterest.Conversions.Generators.Analyzers;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.AnalyzerVerifier<Pinterest.Conversions.Generators.Analyzers.MemberMappingAnalyzer>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>PIN002 (member type), PIN006 (misplaced field) and PIN008 (undefined field), where each [MapTo] is written.</summary>
public class MemberMappingAnalyzerTests
{
    private const string HashedTypes =
        "string, or an array, List<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IEnumerable<T>, ImmutableArray<T> or HashSet<T> of string";

    // ---- PIN002 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN002_fires_on_a_hashed_field_of_a_non_string_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public int {|#0:Email|} { get; init; }
        }
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Email", "int", "PinterestField.Email", HashedTypes));

    [Fact]
    public Task PIN002_fires_on_money_as_a_string_and_on_a_list_of_ints() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial class OrderPlaced
        {
            [MapTo(PinterestField.EventId)] public string Id = "";
            [MapTo(PinterestField.Value)] public string? {|#0:Total|};
            [MapTo(PinterestField.ContentIds)] public List<int> {|#1:Skus|} = new();
            [MapTo(PinterestField.EventTime)] public string? {|#2:When|} { get; set; }
        }
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Total", "string?", "PinterestField.Value", "decimal, double, float, int or long (nullable or not)"),
        Verify.Diagnostic("PIN002").WithLocation(1).WithArguments("Skus", "System.Collections.Generic.List<int>", "PinterestField.ContentIds",
            "an array, List<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IEnumerable<T>, ImmutableArray<T> or HashSet<T> of string"),
        Verify.Diagnostic("PIN002").WithLocation(2).WithArguments("When", "string?", "PinterestField.EventTime",
            "DateTimeOffset, DateTime or long Unix seconds (nullable or not)"));

    [Fact]
    public Task PIN002_fires_on_a_positional_record_parameter() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced(
            [MapTo(PinterestField.EventId)] string Id,
            [MapTo(PinterestField.EventId)] object {|#0:Other|},
            [MapTo(PinterestField.OptOut)] string {|#1:OptOut|});
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Other", "object", "PinterestField.EventId", "string, or a formattable value such as Guid, int or long"),
        Verify.Diagnostic("PIN002").WithLocation(1).WithArguments("OptOut", "string", "PinterestField.OptOut", "bool or bool?"));

    [Fact]
    public Task PIN002_fires_on_members_that_cannot_be_read() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial class OrderPlaced
        {
            private string? _email;
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
            [MapTo(PinterestField.Email)] public string? {|#0:Email|} { set => _email = value; }
            [MapTo(PinterestField.Phone)] public static string? {|#1:Phone|} { get; set; }
        }
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Email", "string?", "PinterestField.Email", "a readable instance property or field (an accessible getter)"),
        Verify.Diagnostic("PIN002").WithLocation(1).WithArguments("Phone", "string?", "PinterestField.Phone", "a readable instance property or field (an accessible getter)"));

    [Fact]
    public Task PIN002_fires_in_an_abstract_base_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public System.Net.IPAddress? {|#0:Ip|} { get; init; }
        }

        [PinterestEvent(EventName.PageVisit)]
        public partial record Visited : WebEvent { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Ip", "System.Net.IPAddress?", "PinterestField.ClientIpAddress", "string"));

    [Fact]
    public Task PIN002_does_not_fire_on_every_accepted_member_type() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)] public Guid Id { get; init; }
            [MapTo(PinterestField.EventTime)] public DateTimeOffset? At { get; init; }
            [MapTo(PinterestField.ActionSource)] public ActionSource? Source { get; init; }
            [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; }
            [MapTo(PinterestField.OptOut)] public bool OptOut { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.Email)] public string[] MoreEmails { get; init; } = [];
            [MapTo(PinterestField.MobileAdId)] public IReadOnlyList<string> Maids { get; init; } = [];
            [MapTo(PinterestField.Phone)] public List<string> Phones { get; init; } = [];
            [MapTo(PinterestField.FirstName)] public IEnumerable<string> FirstNames { get; init; } = [];
            [MapTo(PinterestField.LastName)] public IReadOnlyCollection<string> LastNames { get; init; } = [];
            [MapTo(PinterestField.City)] public ImmutableArray<string> Cities { get; init; }
            [MapTo(PinterestField.Zip)] public HashSet<string> Zips { get; init; } = [];
            [MapTo(PinterestField.DateOfBirth)] public DateOnly? Born { get; init; }
            [MapTo(PinterestField.ClientIpAddress, Hashing = Hashing.Auto)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.ExternalId, Hashing = Hashing.PreHashed)] public string? ExternalId { get; init; }
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            [MapTo(PinterestField.PredictedLtv)] public double? Ltv { get; init; }
            [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
            [MapTo(PinterestField.ContentIds)] public IReadOnlyList<string> Skus { get; init; } = [];
            [MapTo(PinterestField.NumItems)] public int? Count { get; init; }
            [MapTo(PinterestField.LimitedDataProcessing)] public bool? Ldp { get; init; }
            [MapTo(PinterestField.Contents)] public List<LineItem> Lines { get; init; } = [];
        }

        public sealed class LineItem
        {
            [MapTo(PinterestField.ItemId)] public string Sku { get; set; } = "";
            [MapTo(PinterestField.ItemPrice)] public float Price { get; set; }
            [MapTo(PinterestField.Quantity)] public long Quantity { get; set; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record struct Lead(
            [MapTo(PinterestField.EventId)] long Id,
            [MapTo(PinterestField.EventTime)] long UnixSeconds,
            [MapTo(PinterestField.DateOfBirth)] DateTime Born,
            [MapTo(PinterestField.Value)] int Value);

        public static partial class Outer
        {
            [PinterestEvent(EventName.Signup)]
            public partial class SignedUp
            {
                [MapTo(PinterestField.EventId)] public int Id;
                [MapTo(PinterestField.EventTime)] public DateTime At;
                [MapTo(PinterestField.DateOfBirth)] public string? Born;
                [MapTo(PinterestField.Value)] public float Value;
            }
        }
        """);

    // ---- PIN006 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN006_fires_on_a_line_item_field_on_an_event_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.AddToCart)]
        public partial record AddedToCart
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [{|#0:MapTo(PinterestField.ItemId)|}] public string Sku { get; init; } = "";
        }
        """,
        Verify.Diagnostic("PIN006").WithLocation(0).WithArguments("PinterestField.ItemId", "AddedToCart",
            "line-item fields belong on the element type of the Contents collection"));

    [Fact]
    public Task PIN006_fires_on_an_event_name_marker_outside_an_event_and_not_on_a_base_of_one() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public class Settings
        {
            [{|#0:PinterestEventName|}] public string? Name { get; set; }
        }

        // On a base type of an event named at run time, the marker is read (inherited).
        public abstract record TenantEventBase { [PinterestEventName] public string Name { get; init; } = ""; }

        [PinterestEvent]
        public partial record TenantEvent : TenantEventBase
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }
        """,
        Verify.Diagnostic("PIN006").WithLocation(0).WithArguments("[PinterestEventName]", "Settings",
            "the type is neither a [PinterestEvent] type nor a base type of one, so nothing would read the name"));

    [Fact]
    public Task PIN006_fires_on_a_field_of_a_type_that_is_neither_an_event_nor_a_base_of_one() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public class Orphan
        {
            [{|#0:MapTo(PinterestField.Currency)|}] public string? Currency { get; set; }
        }

        // A base type of a type that is not an event is no better.
        internal abstract record Base { [{|#1:MapTo(PinterestField.ClickId)|}] public string? ClickId { get; init; } }
        internal record NotAnEvent : Base;
        """,
        Verify.Diagnostic("PIN006").WithLocation(0).WithArguments("PinterestField.Currency", "Orphan",
            "the type is neither a [PinterestEvent] type nor a base type of one, so nothing would write the field"),
        Verify.Diagnostic("PIN006").WithLocation(1).WithArguments("PinterestField.ClickId", "Base",
            "the type is neither a [PinterestEvent] type nor a base type of one, so nothing would write the field"));

    [Fact]
    public Task PIN006_fires_on_a_line_item_field_on_a_base_type_of_an_event() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public abstract class CartEvent
        {
            [{|#0:MapTo(PinterestField.ItemPrice)|}] public decimal Price { get; set; }
        }

        [PinterestEvent(EventName.AddToCart)]
        public partial class AddedToCart : CartEvent { [MapTo(PinterestField.EventId)] public string Id { get; set; } = ""; }
        """,
        Verify.Diagnostic("PIN006").WithLocation(0).WithArguments("PinterestField.ItemPrice", "CartEvent",
            "line-item fields belong on the element type of the Contents collection, not on a base type of an event"));

    [Fact]
    public Task PIN006_does_not_fire_on_base_types_element_types_and_nested_types() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Pinterest.Conversions;
        namespace Shop;

        public abstract record TrackedEvent { [MapTo(PinterestField.ExternalId)] public string? UserId { get; init; } }
        public abstract record WebEvent : TrackedEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }
        public abstract record Priced<TMoney> : WebEvent { [MapTo(PinterestField.Value)] public decimal Value { get; init; } }

        public static partial class Events
        {
            [PinterestEvent(EventName.Checkout)]
            public partial record OrderPlaced([MapTo(PinterestField.EventId)] string Id) : Priced<decimal>
            {
                [MapTo(PinterestField.Contents)] public IReadOnlyList<Line> Lines { get; init; } = [];
            }

            public readonly record struct Line([MapTo(PinterestField.ItemId)] string Sku, [MapTo(PinterestField.Quantity)] int Quantity);
        }
        """);

    [Fact]
    public Task PIN006_does_not_fire_on_a_public_abstract_base_type_that_events_elsewhere_may_derive_from() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;
        namespace Shop.Events.Common;

        // A library of shared base types: the event types live in the projects that reference it.
        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        public static partial class Bases
        {
            public abstract class Tracked { [MapTo(PinterestField.ExternalId)] public string? UserId { get; set; } }
            protected internal abstract class Nested { }
        }
        """);

    [Fact]
    public Task PIN006_fires_on_base_types_no_other_assembly_can_derive_from() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        internal abstract record WebEvent { [{|#0:MapTo(PinterestField.ClientIpAddress)|}] public string? Ip { get; init; } }

        public class Holder
        {
            private abstract class Hidden { [{|#1:MapTo(PinterestField.ClickId)|}] public string? ClickId { get; set; } }
        }

        // Not abstract: more likely an event type missing its attribute than a base type.
        public class Visited { [{|#2:MapTo(PinterestField.EventSourceUrl)|}] public string? Url { get; set; } }

        public interface IWebEvent { [{|#3:MapTo(PinterestField.ClientUserAgent)|}] string? UserAgent { get; } }
        """,
        Verify.Diagnostic("PIN006").WithLocation(0).WithArguments("PinterestField.ClientIpAddress", "WebEvent", Neither),
        Verify.Diagnostic("PIN006").WithLocation(1).WithArguments("PinterestField.ClickId", "Hidden", Neither),
        Verify.Diagnostic("PIN006").WithLocation(2).WithArguments("PinterestField.EventSourceUrl", "Visited", Neither),
        Verify.Diagnostic("PIN006").WithLocation(3).WithArguments("PinterestField.ClientUserAgent", "IWebEvent", Neither));

    private const string Neither = "the type is neither a [PinterestEvent] type nor a base type of one, so nothing would write the field";

    [Fact]
    public Task PIN006_fires_on_a_field_other_than_an_Item_field_on_the_Contents_element_type() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];
        }

        public abstract class Line
        {
            [MapTo(PinterestField.ItemId)] public string Sku { get; set; } = "";
            [{|#0:MapTo(PinterestField.Value)|}] public decimal Total { get; set; }
        }
        """,
        Verify.Diagnostic("PIN006").WithLocation(0).WithArguments("PinterestField.Value", "Line",
            "it is the element type of Contents, where only the Item fields (ItemId, ItemPrice, Quantity, ItemName, ItemCategory, ItemBrand) are read"));

    [Fact]
    public Task PIN002_fires_on_Contents_whose_element_type_maps_no_Item_field() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Pinterest.Conversions;

        public abstract record WebEvent { [MapTo(PinterestField.Contents)] public Line[] {|#1:Items|} { get; init; } = []; }

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced : WebEvent
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Contents)] public IReadOnlyList<Line> {|#0:Lines|} { get; init; } = [];
        }

        public sealed class Line { public string Sku { get; set; } = ""; }
        """,
        Verify.Diagnostic("PIN002").WithLocation(0).WithArguments("Lines", "System.Collections.Generic.IReadOnlyList<Line>", "PinterestField.Contents", ContentsTypes),
        Verify.Diagnostic("PIN002").WithLocation(1).WithArguments("Items", "Line[]", "PinterestField.Contents", ContentsTypes));

    private const string ContentsTypes =
        "an array, List<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IEnumerable<T>, ImmutableArray<T> or HashSet<T> of a class or struct whose members map the Item fields";

    // ---- PIN008 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN008_fires_on_an_undefined_field() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [{|#0:MapTo((PinterestField)999)|}] public string? Mystery { get; init; }
        }

        public class Orphan { [{|#1:MapTo((PinterestField)0)|}] public string? Zero { get; set; } }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("Mystery", "PinterestField 999 is not a defined field"),
        Verify.Diagnostic("PIN008").WithLocation(1).WithArguments("Zero", "PinterestField 0 is not a defined field"));

    [Fact]
    public void Supported_diagnostics_are_the_catalogue_entries()
    {
        var ids = new MemberMappingAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order();
        Assert.Equal(["PIN002", "PIN006", "PIN008"], ids);
    }
}
