using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.Robustness;

/// <summary>
/// The generator never throws and never emits code that does not compile, whatever it is fed: it either generates a
/// working implementation or nothing (the analyzers explain why). Every case also runs through the harness's cache
/// checks (two runs, equal outputs, no symbols in the models).
/// </summary>
public sealed class MalformedSourceTests
{
    /// <summary>A valid event body (identity, event_id) to put beside the member under test.</summary>
    private const string Valid = """
            [MapTo(PinterestField.EventId)] public string? Id { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        """;

    private static string Event(string members, string attribute = "EventName.Checkout", string keywords = "partial record", string name = "Evt") => $$"""
        namespace Shop;
        [PinterestEvent({{attribute}})]
        public {{keywords}} {{name}}
        {
        {{members}}
        }
        """;

    /// <summary>Case name, source, and how many sources the generator must emit (null: not asserted, only that they compile).</summary>
    public static TheoryData<string, string, int?> Cases => new()
    {
        // User code that does not compile.
        { "syntax error in a member", Event(Valid + "[MapTo(PinterestField.Value)] public decimal Total { get; init }"), null },
        { "syntax error: unclosed type", "namespace Shop; [PinterestEvent(EventName.Checkout)] public partial record Evt { " + Valid, null },
        { "syntax error: attribute not closed", "namespace Shop; [PinterestEvent(EventName.Checkout public partial record Evt { " + Valid + " }", null },
        { "attribute without arguments", Event(Valid, attribute: ""), 0 },
        { "missing member type", Event(Valid + "[MapTo(PinterestField.Phone)] public MissingType Phone { get; init; }"), 0 },
        { "missing generic member type", Event(Valid + "[MapTo(PinterestField.ContentIds)] public List<Missing> Skus { get; init; } = [];"), 0 },
        { "missing base type", Event(Valid, keywords: "partial record", name: "Evt : MissingBase"), null },
        { "missing attribute argument", Event(Valid, attribute: "EventName.NoSuchEvent"), 0 },
        { "missing field", Event(Valid + "[MapTo(PinterestField.NoSuchField)] public string? X { get; init; }"), 0 },
        { "circular base types", """
            namespace Shop;
            public abstract class A : B { }
            public abstract class B : A { }
            [PinterestEvent(EventName.Checkout)] public partial class Evt : A { [MapTo(PinterestField.EventId)] public string? Id { get; init; } [MapTo(PinterestField.Email)] public string? Email { get; init; } }
            """, null },

        // Declarations the generator cannot extend.
        { "generic event type", Event(Valid, name: "Evt<T>"), 0 },
        { "event nested in a generic type", "namespace Shop; public partial class Outer<T> { " + Event(Valid).Replace("namespace Shop;", "") + " }", 0 },
        { "non-partial class", Event(Valid, keywords: "class"), 0 },
        { "non-partial record", Event(Valid, keywords: "sealed record"), 0 },
        { "non-partial struct", Event(Valid, keywords: "struct"), 0 },
        { "non-partial containing type", "namespace Shop; public class Outer { " + Event(Valid).Replace("namespace Shop;", "") + " }", 0 },
        { "static class", Event(Valid.Replace("public string?", "public static string?"), keywords: "static partial class"), 0 },
        { "abstract class", Event(Valid, keywords: "abstract partial class"), 0 },
        { "abstract record", Event(Valid, keywords: "abstract partial record"), 0 },
        { "ref struct", Event(Valid, keywords: "ref partial struct"), 0 },
        { "readonly ref struct", Event(Valid, keywords: "readonly ref partial struct"), 0 },
        { "interface", Event("[MapTo(PinterestField.EventId)] string? Id { get; }\n[MapTo(PinterestField.Email)] string? Email { get; }", keywords: "partial interface"), 0 },
        { "enum", "namespace Shop; [PinterestEvent(EventName.Checkout)] public enum Evt { A }", 0 },
        { "delegate", "namespace Shop; [PinterestEvent(EventName.Checkout)] public delegate void Evt();", 0 },
        { "file-local type", Event(Valid, keywords: "partial class").Replace("public partial class", "file partial class"), 0 },
        { "event nested in a file-local type", "namespace Shop; file partial class Outer { " + Event(Valid).Replace("namespace Shop;", "") + " }", 0 },
        { "event nested in a ref struct", "namespace Shop; public ref partial struct Outer { " + Event(Valid).Replace("namespace Shop;", "") + " }", null },
        { "event nested in an interface", "namespace Shop; public partial interface IOuter { " + Event(Valid).Replace("namespace Shop;", "") + " }", null },
        { "event nested in a static class", "namespace Shop; public static partial class Outer { " + Event(Valid).Replace("namespace Shop;", "") + " }", 1 },
        { "event nested in a record struct with a primary constructor", "namespace Shop; public readonly partial record struct Outer(int X) { " + Event(Valid).Replace("namespace Shop;", "") + " }", 1 },
        { "event nested in a class with a primary constructor and base", "namespace Shop; public class B(int x) { public int X => x; } public sealed partial class Outer(int y) : B(y) { " + Event(Valid).Replace("namespace Shop;", "") + " }", 1 },

        // Two declarations of one type.
        { "partial declarations across two parts", Event(Valid) + "\npublic partial record Evt { [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } }", 1 },
        { "attribute on both partial parts", Event(Valid) + "\n[PinterestEvent(EventName.Checkout)] public partial record Evt { }", 0 },
        { "attribute on both parts, different names", Event(Valid) + "\n[PinterestEvent(EventName.Lead)] public partial record Evt { }", 0 },
        { "one part not partial", Event(Valid) + "\npublic record Evt { }", 0 },

        // Attribute arguments out of range or of the wrong type.
        { "undefined event name", Event(Valid, attribute: "(EventName)999"), 0 },
        { "event name zero", Event(Valid, attribute: "default(EventName)"), 0 },
        { "undefined field", Event(Valid + "[MapTo((PinterestField)999)] public string? X { get; init; }"), 0 },
        { "field zero", Event(Valid + "[MapTo(default)] public string? X { get; init; }"), 0 },
        { "undefined action source", Event(Valid, attribute: "EventName.Checkout, ActionSource = (ActionSource)99"), 0 },
        { "undefined hashing", Event(Valid + "[MapTo(PinterestField.Phone, Hashing = (Hashing)7)] public string? Phone { get; init; }"), null },
        { "event name as int", Event(Valid, attribute: "42"), 0 },
        { "event name null", Event(Valid, attribute: "null"), 0 },
        { "event name from a const string", "namespace Shop; public static class Names { public const string Mine = \"mine\"; }\n" + Event(Valid, attribute: "Names.Mine").Replace("namespace Shop;", ""), 1 },
        { "event name as an array", Event(Valid, attribute: "new[] { EventName.Checkout }"), 0 },
        { "two event names", Event(Valid, attribute: "EventName.Checkout, EventName.Lead"), 0 },
        { "field as a string", Event(Valid + "[MapTo(\"Phone\")] public string? Phone { get; init; }"), 0 },
        { "field as an array", Event(Valid + "[MapTo(new[] { PinterestField.Phone })] public string? Phone { get; init; }"), 0 },
        { "field as an int", Event(Valid + "[MapTo(14)] public string? Phone { get; init; }"), 0 },
        { "EventIdFormat as an int", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = 5"), 0 },
        { "EventIdFormat as an array", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = new[] { \"a\" }"), 0 },
        { "ActionSource as a string", Event(Valid, attribute: "EventName.Checkout, ActionSource = \"web\""), 0 },
        { "unknown named argument", Event(Valid, attribute: "EventName.Checkout, Nope = 1"), null },
        { "advertiser-defined name too long", Event(Valid, attribute: "\"" + new string('a', 101) + "\""), 0 },
        { "advertiser-defined name with a space", Event(Valid, attribute: "\"my event\""), 0 },
        { "advertiser-defined name empty", Event(Valid, attribute: "\"\""), 0 },
        { "advertiser-defined name with a quote and backslash", Event(Valid, attribute: "\"a\\\"b\\\\c\""), 0 },

        // Members the generator cannot read or write.
        { "unsupported member type: int email", Event(Valid + "[MapTo(PinterestField.Phone)] public int Phone { get; init; }"), 0 },
        { "unsupported member type: string value", Event(Valid + "[MapTo(PinterestField.Value)] public string? Total { get; init; }"), 0 },
        { "unsupported member type: string event time", Event(Valid + "[MapTo(PinterestField.EventTime)] public string? At { get; init; }"), 0 },
        { "unsupported member type: DateOnly event time", Event(Valid + "[MapTo(PinterestField.EventTime)] public DateOnly At { get; init; }"), 0 },
        { "unsupported member type: ulong count", Event(Valid + "[MapTo(PinterestField.NumItems)] public ulong N { get; init; }"), 0 },
        { "unsupported member type: string content ids", Event(Valid + "[MapTo(PinterestField.ContentIds)] public string? Skus { get; init; }"), 0 },
        { "unsupported member type: List<int> content ids", Event(Valid + "[MapTo(PinterestField.ContentIds)] public List<int> Skus { get; init; } = [];"), 0 },
        { "unsupported member type: IList<string>", Event(Valid + "[MapTo(PinterestField.ContentIds)] public IList<string> Skus { get; init; } = [];"), 0 },
        { "unsupported member type: 2D array", Event(Valid + "[MapTo(PinterestField.ContentIds)] public string[,] Skus { get; init; } = new string[0, 0];"), 0 },
        { "unsupported member type: nullable ImmutableArray", Event(Valid + "[MapTo(PinterestField.ContentIds)] public ImmutableArray<string>? Skus { get; init; }"), 0 },
        { "unsupported member type: Dictionary", Event(Valid + "[MapTo(PinterestField.ContentIds)] public Dictionary<string, string> Skus { get; init; } = [];"), 0 },
        { "unsupported member type: object", Event(Valid + "[MapTo(PinterestField.Currency)] public object? Currency { get; init; }"), 0 },
        { "unsupported member type: dynamic", Event(Valid + "[MapTo(PinterestField.Currency)] public dynamic? Currency { get; init; }"), 0 },
        { "unsupported member type: DateOnly array for date of birth", Event(Valid + "[MapTo(PinterestField.DateOfBirth)] public DateOnly[] Dates { get; init; } = [];"), 0 },
        { "unsupported member type: bool event id", Event("[MapTo(PinterestField.EventId)] public bool Id { get; init; }\n[MapTo(PinterestField.Email)] public string? Email { get; init; }"), 0 },
        { "unsupported member type: object event id", Event("[MapTo(PinterestField.EventId)] public object? Id { get; init; }\n[MapTo(PinterestField.Email)] public string? Email { get; init; }"), 0 },
        { "unsupported member type: action source as int", Event(Valid + "[MapTo(PinterestField.ActionSource)] public int Source { get; init; }"), 0 },
        { "unsupported member type: pointer", Event(Valid + "[MapTo(PinterestField.NumItems)] public unsafe int* N => null;"), 0 },
        { "contents of strings", Event(Valid + "[MapTo(PinterestField.Contents)] public List<string> Lines { get; init; } = [];"), 0 },
        { "contents of an interface", Event(Valid + "[MapTo(PinterestField.Contents)] public List<ILine> Lines { get; init; } = [];") + "\npublic interface ILine { [MapTo(PinterestField.ItemId)] string Id { get; } }", 0 },
        { "contents of nullable structs", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line?> Lines { get; init; } = [];") + "\npublic struct Line { [MapTo(PinterestField.ItemId)] public string Id; }", null },
        { "contents element without mapped members", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];") + "\npublic class Line { public string? Id { get; init; } }", 0 },
        { "contents element mapping an event field", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];") + "\npublic class Line { [MapTo(PinterestField.Email)] public string? Id { get; init; } }", 0 },
        { "contents element with a private mapped member", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];") + "\npublic class Line { [MapTo(PinterestField.ItemId)] private string? Id { get; init; } }", 0 },
        { "contents element with a protected mapped member", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];") + "\npublic class Line { [MapTo(PinterestField.ItemId)] protected string? Id { get; init; } }", 0 },
        { "contents element with a private getter", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];") + "\npublic class Line { [MapTo(PinterestField.ItemId)] public string? Id { private get; init; } }", 0 },
        { "contents element with a static mapped member", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];") + "\npublic class Line { [MapTo(PinterestField.ItemId)] public static string? Id { get; set; } }", 0 },
        { "contents element is the event itself", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Evt> Lines { get; init; } = [];"), 0 },
        { "contents item field on the event", Event(Valid + "[MapTo(PinterestField.ItemId)] public string? Sku { get; init; }"), 0 },
        { "mapped indexer", Event(Valid + "[MapTo(PinterestField.Phone)] public string this[int i] => \"\";"), 0 },
        { "write-only property", Event(Valid + "[MapTo(PinterestField.Phone)] public string Phone { set { } }"), 0 },
        { "static property", Event(Valid + "[MapTo(PinterestField.Phone)] public static string? Phone { get; set; }"), 0 },
        { "const field", Event(Valid + "[MapTo(PinterestField.Currency)] public const string Currency = \"USD\";"), 0 },
        { "explicit interface implementation", Event(Valid + "[MapTo(PinterestField.Phone)] string? IHasPhone.Phone => null;", name: "Evt : IHasPhone") + "\npublic interface IHasPhone { string? Phone { get; } }", 0 },
        { "private member in a base type", """
            namespace Shop;
            public abstract class Base { [MapTo(PinterestField.ClientIpAddress)] private string? Ip { get; set; } }
            [PinterestEvent(EventName.Checkout)] public partial class Evt : Base { [MapTo(PinterestField.EventId)] public string? Id { get; init; } [MapTo(PinterestField.Email)] public string? Email { get; init; } }
            """, 0 },
        { "private getter in a base type", """
            namespace Shop;
            public abstract class Base { [MapTo(PinterestField.ClientIpAddress)] public string? Ip { private get; set; } }
            [PinterestEvent(EventName.Checkout)] public partial class Evt : Base { [MapTo(PinterestField.EventId)] public string? Id { get; init; } [MapTo(PinterestField.Email)] public string? Email { get; init; } }
            """, 0 },
        { "error-obsolete member", Event(Valid + "[System.Obsolete(\"gone\", error: true)] [MapTo(PinterestField.Phone)] public string? Phone { get; init; }"), 0 },
        { "mapped method", Event(Valid + "[MapTo(PinterestField.Phone)] public string? Phone() => null;"), null },

        // Conflicts (PIN004) and missing event_id (PIN003).
        { "event id mapped twice", Event(Valid + "[MapTo(PinterestField.EventId)] public string? Other { get; init; }"), 0 },
        { "event id mapped and formatted", Event(Valid, attribute: "EventName.Checkout, EventIdFormat = \"x-{Email}\""), 0 },
        { "action source mapped and set", Event(Valid + "[MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; }", attribute: "EventName.Checkout, ActionSource = ActionSource.Web"), 0 },
        { "single-valued field mapped twice", Event(Valid + "[MapTo(PinterestField.Currency)] public string? A { get; init; }\n[MapTo(PinterestField.Currency)] public string? B { get; init; }"), 0 },
        { "contents mapped twice", Event(Valid + "[MapTo(PinterestField.Contents)] public List<Line> A { get; init; } = [];\n[MapTo(PinterestField.Contents)] public List<Line> B { get; init; } = [];") + "\npublic class Line { [MapTo(PinterestField.ItemId)] public string? Id { get; init; } }", 0 },
        { "no event id", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }"), 0 },

        // EventIdFormat that is malformed or names what cannot be read (PIN005).
        { "format: unclosed brace", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"a-{N\""), 0 },
        { "format: lone closing brace", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"a}-{N}\""), 0 },
        { "format: empty placeholder", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"{}-{N}\""), 0 },
        { "format: spaces in placeholder", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"{ N }\""), 0 },
        { "format: format specifier", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"{N:D4}\""), 0 },
        { "format: digit-first name", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"{1N}\""), 0 },
        { "format: no placeholder", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"constant\""), 0 },
        { "format: only escapes", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"{{N}}\""), 0 },
        { "format: empty", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"\""), 0 },
        { "format: null", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = null"), 0 },
        { "format: missing member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"o-{Missing}\""), 0 },
        { "format: method", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N() => 1;", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },
        { "format: nested type", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic class N { }", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },
        { "format: static member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic static int N { get; set; }", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },
        { "format: write-only member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { set { } }", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },
        { "format: private member of a base", """
            namespace Shop;
            public abstract class Base { private int N { get; set; } }
            [PinterestEvent(EventName.Checkout, EventIdFormat = "o-{N}")] public partial class Evt : Base { [MapTo(PinterestField.Email)] public string? Email { get; init; } }
            """, 0 },
        { "format: wrong case", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"o-{n}\""), 0 },
        { "format: pointer member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic unsafe int* N => null;", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },
        { "format: ref struct member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic Span<char> N => default;", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },
        { "format: dynamic member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\npublic dynamic? N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), null },
        { "format: error-obsolete member", Event("[MapTo(PinterestField.Email)] public string? Email { get; init; }\n[System.Obsolete(\"x\", true)] public int N { get; init; }", attribute: "EventName.Checkout, EventIdFormat = \"o-{N}\""), 0 },

        // Event names chosen at run time: one readable string member marked [PinterestEventName].
        { "run-time name", Event(Valid + "[PinterestEventName] public string? Name { get; init; }", attribute: ""), 1 },
        { "run-time name, attribute without parentheses", Event(Valid + "[PinterestEventName] public string? Name { get; init; }").Replace("[PinterestEvent(EventName.Checkout)]", "[PinterestEvent]"), 1 },
        { "run-time name from a record parameter", "namespace Shop; [PinterestEvent] public partial record Evt([property: PinterestEventName] string Name, [property: MapTo(PinterestField.EventId)] string Id, [property: MapTo(PinterestField.Email)] string? Email);", 1 },
        { "run-time name from a base type", "namespace Shop; public abstract class Base { [PinterestEventName] public string Name = \"lead\"; }\n" + Event(Valid, attribute: "ActionSource = ActionSource.Offline", keywords: "partial class", name: "Evt : Base").Replace("namespace Shop;", ""), 1 },
        { "run-time name: two markers", Event(Valid + "[PinterestEventName] public string? Name { get; init; }\n[PinterestEventName] public string? Other { get; init; }", attribute: ""), 0 },
        { "run-time name: marker not a string", Event(Valid + "[PinterestEventName] public EventName Name { get; init; }", attribute: ""), 0 },
        { "run-time name: marker an object", Event(Valid + "[PinterestEventName] public object? Name { get; init; }", attribute: ""), 0 },
        { "run-time name: static marker", Event(Valid + "[PinterestEventName] public static string? Name { get; set; }", attribute: ""), 0 },
        { "run-time name: write-only marker", Event(Valid + "[PinterestEventName] public string? Name { set { } }", attribute: ""), 0 },
        { "run-time name: private marker of a base", "namespace Shop; public abstract class Base { [PinterestEventName] private string? Name { get; set; } }\n" + Event(Valid, attribute: "", keywords: "partial class", name: "Evt : Base").Replace("namespace Shop;", ""), 0 },
        { "run-time name: error-obsolete marker", Event(Valid + "[System.Obsolete(\"x\", true)] [PinterestEventName] public string? Name { get; init; }", attribute: ""), 0 },
        { "run-time name: marker beside a standard name", Event(Valid + "[PinterestEventName] public string? Name { get; init; }"), 0 },
        { "run-time name: marker beside a custom name", Event(Valid + "[PinterestEventName] public string? Name { get; init; }", attribute: "\"mine\""), 0 },
        { "run-time name: marker on a method", Event(Valid + "[PinterestEventName] public string Name() => \"lead\";", attribute: ""), 0 },

        // Distinct types whose names could make the same hint name.
        { "names differing only in case", Event(Valid, name: "Evt") + "\n" + Event(Valid, name: "EVT").Replace("namespace Shop;", ""), 2 },
        { "keyword name beside its underscore twin", Event(Valid, name: "@class") + "\n" + Event(Valid, name: "_class").Replace("namespace Shop;", ""), 2 },
        { "nested type beside a dotted namespace", "namespace Shop { public partial class A { " + Event(Valid).Replace("namespace Shop;", "") + " } }\nnamespace Shop.B { " + Event(Valid).Replace("namespace Shop;", "") + " }", 2 },

        // Unusual but valid: the generator must produce working code.
        { "attribute through a using alias", "using PE = Pinterest.Conversions.PinterestEventAttribute;\n" + Event(Valid, attribute: "EventName.Checkout").Replace("[PinterestEvent(", "[PE("), 1 },
        { "attribute fully qualified", Event(Valid).Replace("[PinterestEvent(", "[global::Pinterest.Conversions.PinterestEventAttribute("), 1 },
        { "non-ASCII type name", Event(Valid, name: "Événement"), 1 },
        { "event in namespace System", Event(Valid).Replace("namespace Shop;", "namespace System;"), 1 },
        { "event id from a custom ISpanFormattable struct", Event("[MapTo(PinterestField.EventId)] public OrderNo Id { get; init; }\n[MapTo(PinterestField.Email)] public string? Email { get; init; }") + """

            public readonly struct OrderNo : ISpanFormattable
            {
                public string ToString(string? format, IFormatProvider? provider) => "n";
                public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
                {
                    charsWritten = 0;
                    if (destination.IsEmpty) return false;
                    destination[0] = 'n';
                    charsWritten = 1;
                    return true;
                }
            }
            """, 1 },
        { "event id from an enum", Event("[MapTo(PinterestField.EventId)] public Kind Id { get; init; }\n[MapTo(PinterestField.Email)] public string? Email { get; init; }") + "\npublic enum Kind { A }", null },
        { "event id from a ulong", Event("[MapTo(PinterestField.EventId)] public ulong Id { get; init; }\n[MapTo(PinterestField.Email)] public string? Email { get; init; }"), null },
        { "ref-returning property", Event(Valid + "private string? _phone;\n[MapTo(PinterestField.Phone)] public ref string? Phone => ref _phone;"), null },
        { "unsafe event type", Event(Valid, keywords: "unsafe partial class"), 1 },
        { "hidden base member mapped twice", """
            namespace Shop;
            public abstract record Base { [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } }
            [PinterestEvent(EventName.Checkout)] public partial record Evt : Base
            {
                [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [MapTo(PinterestField.ClientIpAddress)] public new string? Ip { get; init; }
            }
            """, null },
        { "abstract member mapped in the base, overridden", """
            namespace Shop;
            public abstract record Base { [MapTo(PinterestField.ClientIpAddress)] public abstract string? Ip { get; } }
            [PinterestEvent(EventName.Checkout)] public partial record Evt : Base
            {
                [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                public override string? Ip => "203.0.113.7";
            }
            """, 1 },
        { "generic base type", """
            namespace Shop;
            public abstract record Base<T> { [MapTo(PinterestField.Email)] public T? Email { get; init; } }
            [PinterestEvent(EventName.Checkout)] public partial record Evt : Base<string> { [MapTo(PinterestField.EventId)] public string? Id { get; init; } }
            """, 1 },
        { "generic base type with a wrong member type", """
            namespace Shop;
            public abstract record Base<T> { [MapTo(PinterestField.Email)] public T? Email { get; init; } }
            [PinterestEvent(EventName.Checkout)] public partial record Evt : Base<int> { [MapTo(PinterestField.EventId)] public string? Id { get; init; } }
            """, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generator_never_throws_and_emits_working_code_or_nothing(string name, string source, int? expectedSources)
    {
        _ = name;
        var run = GeneratorHarness.Run(source);

        AssertGeneratedCodeAddsNoDiagnostic(run);
        if (expectedSources is { } expected) Assert.Equal(expected, run.Sources.Count);
    }

    [Fact]
    public void Hint_names_equal_ignoring_case_get_a_number_whatever_the_declaration_order()
    {
        var a = Event(Valid, name: "Evt");
        var b = Event(Valid, name: "EVT").Replace("namespace Shop;", "");
        var c = Event(Valid, name: "eVt").Replace("namespace Shop;", "");

        var forward = GeneratorHarness.Run([a + b + c]).Sources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();
        var backward = GeneratorHarness.Run([c.Replace("[PinterestEvent", "namespace Shop;\n[PinterestEvent") + a.Replace("namespace Shop;", "") + b]).Sources;

        Assert.Equal(["Shop.EVT.PinterestEvent.g.cs", "Shop.Evt.2.PinterestEvent.g.cs", "Shop.eVt.3.PinterestEvent.g.cs"], forward);
        Assert.Equal(forward, backward.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Contains("partial record Evt", backward.Single(s => s.HintName == "Shop.Evt.2.PinterestEvent.g.cs").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp7_3)]
    public void Older_language_versions_get_no_generated_code(LanguageVersion version)
    {
        var source = """
            namespace Shop
            {
                [PinterestEvent(EventName.Checkout)]
                public partial class Evt
                {
                    [MapTo(PinterestField.EventId)] public string Id { get; set; }
                    [MapTo(PinterestField.Email)] public string Email { get; set; }
                }
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([source], version, withGlobalUsings: version >= LanguageVersion.CSharp10)
            .AddSyntaxTrees(version >= LanguageVersion.CSharp10 ? [] : [CSharpSyntaxTree.ParseText("namespace Shop { using Pinterest.Conversions; }", GeneratorHarness.ParseOptions(version))]));

        Assert.Empty(run.Sources);
        AssertGeneratedCodeAddsNoDiagnostic(run);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Preview)]
    public void Language_versions_from_11_get_working_code(LanguageVersion version)
    {
        var run = GeneratorHarness.Run(Event(Valid), version);

        Assert.Single(run.Sources);
        AssertGeneratedCodeAddsNoDiagnostic(run);
    }

    [Fact]
    public void Look_alike_attributes_of_another_shape_do_not_crash_the_generator()
    {
        // A compilation without the runtime that declares its own Pinterest.Conversions attributes, with array
        // constructor arguments the generator must not read as single values.
        var source = """
            namespace Pinterest.Conversions
            {
                public enum EventName { Checkout = 6 }
                public enum PinterestField { EventId = 3, Email = 10 }
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class PinterestEventAttribute : System.Attribute
                {
                    public PinterestEventAttribute(params EventName[] names) { }
                    public object? EventIdFormat { get; set; }
                    public object? ActionSource { get; set; }
                }
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class MapToAttribute : System.Attribute
                {
                    public MapToAttribute(params PinterestField[] fields) { }
                    public object? Hashing { get; set; }
                }
            }

            namespace Shop
            {
                using Pinterest.Conversions;

                [PinterestEvent(EventName.Checkout, EventName.Checkout, EventIdFormat = new[] { "a" }, ActionSource = new[] { 1 })]
                public partial record A { [MapTo(PinterestField.EventId, PinterestField.Email, Hashing = new[] { 1 })] public string? Id { get; init; } }

                [PinterestEvent(EventName.Checkout, EventIdFormat = new[] { "{Id}" })]
                public partial record B { [MapTo(PinterestField.Email, Hashing = new[] { 1 })] public string? Id { get; init; } }

                [PinterestEvent(new[] { EventName.Checkout })]
                public partial record C { [MapTo(new[] { PinterestField.EventId })] public string? Id { get; init; } }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "LookAlike",
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions())],
            Basic.Reference.Assemblies.Net100.References.All,
            GeneratorHarness.StrictOptions);

        var run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Look_alike_attributes_without_the_runtime_get_no_generated_code()
    {
        // The same shape as the runtime's attributes, but no runtime to call: generating would not compile.
        var source = """
            namespace Pinterest.Conversions
            {
                public enum EventName { Checkout = 6 }
                public enum PinterestField { EventId = 3, Email = 10 }
                public sealed class PinterestEventAttribute : System.Attribute { public PinterestEventAttribute(EventName name) { } }
                public sealed class MapToAttribute : System.Attribute { public MapToAttribute(PinterestField field) { } }
            }

            namespace Shop
            {
                using Pinterest.Conversions;

                [PinterestEvent(EventName.Checkout)]
                public partial record A
                {
                    [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                    [MapTo(PinterestField.Email)] public string? Email { get; init; }
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "LookAlike",
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions())],
            Basic.Reference.Assemblies.Net100.References.All,
            GeneratorHarness.StrictOptions);

        var run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Sources);
        AssertGeneratedCodeAddsNoDiagnostic(run);
    }

    /// <summary>Every diagnostic of the compilation with the generated code was already there without it.</summary>
    private static void AssertGeneratedCodeAddsNoDiagnostic(GeneratorRun run)
    {
        static string Key(Diagnostic d) => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.SourceSpan}";
        var before = run.Input.GetDiagnostics().Select(Key).ToHashSet();
        var added = run.Output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden && !before.Contains(Key(d))).ToArray();
        Assert.True(added.Length == 0,
            "The generated code added diagnostics:\n" + string.Join("\n", added.Select(d => d.ToString()))
            + "\n\nGenerated:\n" + string.Join("\n", run.Sources.Select(s => $"// ---- {s.HintName}\n{s.Text}")));
    }
}
