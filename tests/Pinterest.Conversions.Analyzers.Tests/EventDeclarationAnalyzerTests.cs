using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Conversions.Generators.Analyzers;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.AnalyzerVerifier<Pinterest.Conversions.Generators.Analyzers.EventDeclarationAnalyzer>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>
/// PIN001 (partial), PIN008 (unsupported declarations), PIN013 (advertiser-defined and run-time names), PIN014 (offline),
/// and the [PinterestEventName] member of an event named at run time: PIN017 (missing), PIN018 (doubled), PIN019 (not a
/// readable string), PIN020 (beside a name on the attribute).
/// </summary>
public class EventDeclarationAnalyzerTests
{
    // ---- PIN001 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN001_fires_on_an_event_type_that_is_not_partial() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Checkout)]
        public record {|#0:OrderPlaced|}
        {
            [MapTo(PinterestField.EventId)] public string OrderNumber { get; init; } = "";
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(0).WithArguments("OrderPlaced", "OrderPlaced"));

    [Fact]
    public Task PIN001_fires_on_each_containing_type_that_is_not_partial() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;
        namespace Shop;

        public static class {|#0:Events|}
        {
            public partial class Checkout
            {
                internal class {|#1:Nested|}
                {
                    [PinterestEvent(EventName.Checkout)]
                    public partial struct {|#2:OrderPlaced|}
                    {
                        [MapTo(PinterestField.EventId)] public string OrderNumber;
                    }
                }
            }
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(1).WithLocation(2).WithArguments("Nested", "OrderPlaced"),
        Verify.Diagnostic("PIN001").WithLocation(0).WithLocation(2).WithArguments("Events", "OrderPlaced"));

    [Fact]
    public Task PIN001_fires_on_the_type_and_its_container() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        class {|#0:Outer|}
        {
            [PinterestEvent(EventName.Lead)]
            record struct {|#1:SignedUp|}([property: MapTo(PinterestField.EventId)] string Id);
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(1).WithArguments("SignedUp", "SignedUp"),
        Verify.Diagnostic("PIN001").WithLocation(0).WithLocation(1).WithArguments("Outer", "SignedUp"));

    [Fact]
    public Task PIN001_fires_once_on_a_container_of_several_event_types() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public class {|#0:Events|}
        {
            public class Helpers { }

            [PinterestEvent(EventName.Checkout)]
            public partial record {|#1:OrderPlaced|}([MapTo(PinterestField.EventId)] string Id);

            [PinterestEvent(EventName.Lead)]
            public partial record Lead([MapTo(PinterestField.EventId)] string Id);
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(0).WithLocation(1).WithArguments("Events", "OrderPlaced"));

    [Fact]
    public Task PIN001_does_not_fire_on_partial_types_of_every_kind() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;
        namespace Shop.Events;

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced([MapTo(PinterestField.EventId)] string OrderNumber);

        [PinterestEvent(EventName.AddToCart)]
        public sealed partial class AddedToCart { [MapTo(PinterestField.EventId)] public string Id { get; set; } = ""; }

        [PinterestEvent(EventName.Lead)]
        internal readonly partial struct LeadCaptured { [MapTo(PinterestField.EventId)] public string Id { get; init; } }

        [PinterestEvent(EventName.Signup)]
        public readonly partial record struct SignedUp([MapTo(PinterestField.EventId)] string Id);

        public static partial class Outer
        {
            private partial class Middle
            {
                [PinterestEvent(EventName.PageVisit)]
                public partial record Visited { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
            }
        }

        // Not an event type: a non-partial base type is fine.
        public abstract record WebEvent { [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } }

        [PinterestEvent(EventName.ViewContent)]
        public partial record Viewed : WebEvent { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        // Not an event type at all.
        public class Plain { }
        """);

    [Fact]
    public Task PIN001_does_not_fire_in_the_global_namespace_with_a_partial_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Search)]
        partial class Searched { [MapTo(PinterestField.EventId)] public long Id; }
        """);

    // ---- PIN008 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN008_fires_on_a_generic_event_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public partial record {|#0:OrderPlaced|}<T>
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            public T? Payload { get; init; }
        }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("OrderPlaced", "generic event types are not supported"));

    [Fact]
    public Task PIN008_fires_on_a_file_local_event_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        file partial record {|#0:OrderPlaced|} { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("OrderPlaced", "a file-local type cannot be completed by generated code, which lives in another file"));

    [Fact]
    public Task PIN008_fires_on_an_event_type_nested_in_a_generic_type() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        public partial class Container<T>
        {
            [PinterestEvent(EventName.Checkout)]
            public partial record {|#0:OrderPlaced|} { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("OrderPlaced", "it is nested in the generic type 'Container'"));

    [Fact]
    public Task PIN008_fires_on_an_undefined_event_name() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent({|#0:(EventName)999|})]
        public partial record Strange { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("Strange", "EventName 999 is not a defined event name"));

    [Fact]
    public Task PIN008_fires_on_an_undefined_action_source() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead, {|#0:ActionSource = (ActionSource)42|})]
        public partial record Strange { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("Strange", "ActionSource 42 is not a defined action source"));

    [Theory]
    [InlineData("my event")]
    [InlineData("")]
    [InlineData("checkout!")]
    [InlineData("ünicode")]
    public Task PIN008_fires_on_an_invalid_advertiser_defined_name(string name) => Verify.VerifyAnalyzerAsync($$"""
        using Pinterest.Conversions;

        [PinterestEvent({|#0:"{{name}}"|})]
        public partial record Custom { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0)
            .WithArguments("Custom", $"\"{name}\" is not a valid advertiser-defined event name (1 to 100 letters, digits, '_' or '-')"));

    [Fact]
    public Task PIN008_fires_on_an_advertiser_defined_name_over_100_characters()
    {
        var name = new string('a', 101);
        return Verify.VerifyAnalyzerAsync($$"""
            using Pinterest.Conversions;

            [PinterestEvent({|#0:"{{name}}"|})]
            public partial record Custom { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
            """,
            Verify.Diagnostic("PIN008").WithLocation(0)
                .WithArguments("Custom", $"\"{name}\" is not a valid advertiser-defined event name (1 to 100 letters, digits, '_' or '-')"));
    }

    [Fact]
    public Task PIN008_fires_on_a_null_event_name() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent({|#0:(string)null!|})]
        public partial record Custom { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("Custom", "the event name is null"));

    [Fact]
    public Task PIN008_fires_on_CSharp_10()
    {
        var test = new Verify.Test
        {
            LanguageVersion = LanguageVersion.CSharp10,
            TestCode = """
                using Pinterest.Conversions;
                namespace Shop;

                [PinterestEvent(EventName.Checkout)]
                public partial record {|#0:OrderPlaced|} { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN008").WithLocation(0)
            .WithArguments("OrderPlaced", "the generated code needs C# 11 or later, and this project uses C# 10.0"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.Preview)]
    public Task PIN008_does_not_fire_on_CSharp_11_or_later(LanguageVersion version) => new Verify.Test
    {
        LanguageVersion = version,
        TestCode = """
            using Pinterest.Conversions;

            [PinterestEvent(EventName.Checkout)]
            public partial record OrderPlaced { [MapTo(PinterestField.EventId)] public required string Id { get; init; } }
            """,
    }.RunAsync();

    [Fact]
    public Task PIN008_fires_on_abstract_static_and_ref_struct_event_types() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout)]
        public abstract partial record {|#0:Base|} { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        [PinterestEvent(EventName.Checkout)]
        public static partial class {|#1:Holder|} { }

        [PinterestEvent(EventName.Checkout)]
        public ref partial struct {|#2:Stacked|} { [MapTo(PinterestField.EventId)] public string Id; }
        """,
        Verify.Diagnostic("PIN008").WithLocation(0).WithArguments("Base",
            "an abstract type has no instances to send: put [PinterestEvent] on the concrete type and keep shared members on the abstract base"),
        Verify.Diagnostic("PIN008").WithLocation(1).WithArguments("Holder", "a static class has no instances to send"),
        Verify.Diagnostic("PIN008").WithLocation(2).WithArguments("Stacked", "a ref struct cannot implement IPinterestEvent"));

    [Fact]
    public Task PIN008_does_not_fire_on_supported_declarations() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;
        namespace Shop;

        public abstract record WebEvent { [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } }

        [PinterestEvent(EventName.WatchVideo, ActionSource = ActionSource.AppAndroid, EventIdFormat = "v-{Id}")]
        public sealed partial record Watched(string Id) : WebEvent;

        [PinterestEvent("video_finished_90")]
        public partial struct Custom { [MapTo(PinterestField.EventId)] public string Id; }

        public partial class Generic<T>
        {
            // Generic containers are fine for types that are not events.
            public class NotAnEvent { }
        }
        """,
        Verify.Diagnostic("PIN013").WithSpan(9, 17, 9, 36).WithArguments("'video_finished_90' is an advertiser-defined event name"));

    // ---- PIN013 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN013_fires_on_an_advertiser_defined_event_name() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent({|#0:"Video-Finished_90"|}, EventIdFormat = "v-{Id}")]
        public partial record VideoFinished { public string Id { get; init; } = ""; }
        """,
        Verify.Diagnostic("PIN013").WithLocation(0).WithArguments("'Video-Finished_90' is an advertiser-defined event name"));

    [Fact]
    public Task PIN013_fires_on_a_name_of_exactly_100_characters()
    {
        var name = new string('x', 100);
        return Verify.VerifyAnalyzerAsync($$"""
            using Pinterest.Conversions;

            [PinterestEvent({|#0:"{{name}}"|})]
            public partial record Long { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
            """,
            Verify.Diagnostic("PIN013").WithLocation(0).WithArguments($"'{name}' is an advertiser-defined event name"));
    }

    [Fact]
    public Task PIN013_does_not_fire_on_standard_names_including_Custom() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Custom)]
        public partial record Custom { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        [PinterestEvent(name: EventName.Lead)]
        public partial record Lead { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }
        """);

    private const string RunTimeNamed = "takes its event name at run time from '{1}', and a name that is not a standard one is advertiser-defined";

    private static string RunTime(string type, string member) => $"'{type}' " + RunTimeNamed.Replace("{1}", member);

    [Fact]
    public Task PIN013_fires_on_an_event_named_at_run_time_own_or_inherited_or_positional() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [{|#0:PinterestEvent|}]
        public partial class Own
        {
            [PinterestEventName] public string? Name { get; set; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }

        public abstract record Tenant { [PinterestEventName] public required string EventName { get; init; } }

        [{|#1:PinterestEvent(ActionSource = ActionSource.AppIos)|}]
        public partial record Inherited : Tenant { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        [{|#2:PinterestEvent(EventIdFormat = "p-{Id}")|}]
        public partial record Positional([property: PinterestEventName] string Name, string Id);
        """,
        Verify.Diagnostic("PIN013").WithLocation(0).WithArguments(RunTime("Own", "Name")),
        Verify.Diagnostic("PIN013").WithLocation(1).WithArguments(RunTime("Inherited", "EventName")),
        Verify.Diagnostic("PIN013").WithLocation(2).WithArguments(RunTime("Positional", "Name")));

    // ---- PIN017 to PIN020: the [PinterestEventName] member ------------------------------------------------------

    [Fact]
    public Task PIN017_fires_on_an_event_with_no_name_and_no_name_member() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent]
        public partial record {|#0:Unnamed|}
        {
            public string? Name { get; init; }   // not marked
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
        }
        """,
        Verify.Diagnostic("PIN017").WithLocation(0).WithArguments("Unnamed"));

    [Fact]
    public Task PIN018_fires_on_two_name_members_own_or_inherited() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent]
        public partial class Twice
        {
            [PinterestEventName] public string? Name { get; set; }
            [PinterestEventName] public string? {|#0:Other|};
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }

        public abstract class Base { [PinterestEventName] public string? BaseName { get; set; } }

        [PinterestEvent]
        public partial class {|#1:Derived|} : Base
        {
            [PinterestEventName] public string? Name { get; set; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }
        """,
        Verify.Diagnostic("PIN018").WithLocation(0).WithArguments("Twice", "'Name', 'Other'"),
        Verify.Diagnostic("PIN018").WithLocation(1).WithArguments("Derived", "'Name', 'BaseName'"));

    [Fact]
    public Task PIN019_fires_on_a_name_member_that_is_not_a_readable_string() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent]
        public partial class Enum
        {
            [PinterestEventName] public EventName {|#0:Name|} { get; set; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }

        [PinterestEvent]
        public partial class WriteOnly
        {
            private string? _name;
            [PinterestEventName] public string? {|#1:Name|} { set => _name = value; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }

        [PinterestEvent]
        public partial class Static
        {
            [PinterestEventName] public static string? {|#2:Name|} { get; set; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }

        [PinterestEvent]
        public partial class Chars
        {
            [PinterestEventName] public char[]? {|#3:Name|};
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }
        """,
        Verify.Diagnostic("PIN019").WithLocation(0).WithArguments("Name", "Pinterest.Conversions.EventName", "Enum"),
        Verify.Diagnostic("PIN019").WithLocation(1).WithArguments("Name", "string?", "WriteOnly"),
        Verify.Diagnostic("PIN019").WithLocation(2).WithArguments("Name", "string?", "Static"),
        Verify.Diagnostic("PIN019").WithLocation(3).WithArguments("Name", "char[]?", "Chars"));

    [Fact]
    public Task PIN020_fires_on_a_name_member_beside_a_named_attribute() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial class Standard
        {
            [PinterestEventName] public string? {|#0:Name|} { get; set; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }

        [PinterestEvent({|#2:"my_event"|})]
        public partial class Custom
        {
            [PinterestEventName] public string? {|#1:Name|} { get; set; }
            [MapTo(PinterestField.EventId)] public string Id { get; set; } = "";
        }
        """,
        Verify.Diagnostic("PIN020").WithLocation(0).WithArguments("Name", "EventName.Lead", "Standard"),
        Verify.Diagnostic("PIN013").WithLocation(2).WithArguments("'my_event' is an advertiser-defined event name"),
        Verify.Diagnostic("PIN020").WithLocation(1).WithArguments("Name", "\"my_event\"", "Custom"));

    [Fact]
    public Task A_single_readable_string_name_member_raises_only_PIN013() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        #pragma warning disable PIN013 // the names are checked where the tenants configure them
        [PinterestEvent]
        public partial struct Field
        {
            [PinterestEventName] public string Name;
            [MapTo(PinterestField.EventId)] public string Id;
        }
        #pragma warning restore PIN013
        """);

    // ---- PIN014 ------------------------------------------------------------------------------------------------

    [Fact]
    public Task PIN014_fires_on_an_offline_event() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        namespace Store
        {
            public partial class Outer
            {
                [PinterestEvent(EventName.Checkout, ActionSource = ActionSource.Offline)]
                public partial record {|#0:InStorePurchase|} { [MapTo(PinterestField.EventId)] public string Receipt { get; init; } = ""; }
            }
        }
        """,
        Verify.Diagnostic("PIN014").WithLocation(0).WithArguments("InStorePurchase"));

    [Fact]
    public Task PIN014_does_not_fire_on_web_app_or_mapped_action_sources() => Verify.VerifyAnalyzerAsync("""
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Checkout, ActionSource = ActionSource.Web)]
        public partial record Web { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        [PinterestEvent(EventName.Checkout, ActionSource = ActionSource.AppIos)]
        public partial record App { [MapTo(PinterestField.EventId)] public string Id { get; init; } = ""; }

        // Mapped at run time: it may or may not be offline, so nothing is said at build time.
        [PinterestEvent(EventName.Checkout)]
        public partial record Mapped
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; }
        }
        """);

    [Fact]
    public void Supported_diagnostics_are_the_catalogue_entries()
    {
        var ids = new EventDeclarationAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order();
        Assert.Equal(["PIN001", "PIN008", "PIN013", "PIN014", "PIN017", "PIN018", "PIN019", "PIN020"], ids);
    }
}
