using Pinterest.Conversions.CodeFixes;
using Pinterest.Conversions.Generators.Analyzers;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Pinterest.Conversions.Generators.Analyzers.EventDeclarationAnalyzer,
    Pinterest.Conversions.CodeFixes.MakePartialCodeFixProvider>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>PIN001's fix: <c>partial</c> on the event type and every type around it, modifiers and trivia kept.</summary>
public class MakePartialCodeFixTests
{
    [Fact]
    public Task Adds_partial_after_the_other_modifiers() => Verify.VerifyCodeFixAsync("""
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Checkout)]
        public sealed record {|#0:OrderPlaced|}
        {
            [MapTo(PinterestField.EventId)] public string OrderNumber { get; init; } = "";
        }
        """, """
        using Pinterest.Conversions;
        namespace Shop;

        [PinterestEvent(EventName.Checkout)]
        public sealed partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)] public string OrderNumber { get; init; } = "";
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(0).WithArguments("OrderPlaced", "OrderPlaced"));

    [Fact]
    public Task Adds_partial_to_a_type_without_modifiers_keeping_its_comments() => Verify.VerifyCodeFixAsync("""
        using Pinterest.Conversions;

        namespace Shop
        {
            /// <summary>An order.</summary>
            [PinterestEvent(EventName.Checkout)] // checkout
            /* kept */ record struct {|#0:OrderPlaced|}([MapTo(PinterestField.EventId)] string OrderNumber);

            // Leading comment.
            [PinterestEvent(EventName.Lead)]
            readonly struct {|#1:Lead|} { [MapTo(PinterestField.EventId)] public readonly string Id; }
        }
        """, """
        using Pinterest.Conversions;

        namespace Shop
        {
            /// <summary>An order.</summary>
            [PinterestEvent(EventName.Checkout)] // checkout
            /* kept */ partial record struct OrderPlaced([MapTo(PinterestField.EventId)] string OrderNumber);

            // Leading comment.
            [PinterestEvent(EventName.Lead)]
            readonly partial struct Lead { [MapTo(PinterestField.EventId)] public readonly string Id; }
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(0).WithArguments("OrderPlaced", "OrderPlaced"),
        Verify.Diagnostic("PIN001").WithLocation(1).WithArguments("Lead", "Lead"));

    [Fact]
    public Task Adds_partial_to_the_type_and_every_containing_type() => Verify.VerifyCodeFixAsync("""
        using Pinterest.Conversions;

        namespace Shop;

        public static class {|#0:Events|}
        {
            internal partial class Orders
            {
                // Not on the path: left alone.
                public class Unrelated { }

                private protected class {|#1:Checkout|}
                {
                    [PinterestEvent(EventName.Checkout)]
                    public record {|#2:OrderPlaced|}
                    {
                        [MapTo(PinterestField.EventId)] public string OrderNumber { get; init; } = "";
                    }
                }
            }
        }
        """, """
        using Pinterest.Conversions;

        namespace Shop;

        public static partial class Events
        {
            internal partial class Orders
            {
                // Not on the path: left alone.
                public class Unrelated { }

                private protected partial class Checkout
                {
                    [PinterestEvent(EventName.Checkout)]
                    public partial record OrderPlaced
                    {
                        [MapTo(PinterestField.EventId)] public string OrderNumber { get; init; } = "";
                    }
                }
            }
        }
        """,
        Verify.Diagnostic("PIN001").WithLocation(2).WithArguments("OrderPlaced", "OrderPlaced"),
        Verify.Diagnostic("PIN001").WithLocation(1).WithLocation(2).WithArguments("Checkout", "OrderPlaced"),
        Verify.Diagnostic("PIN001").WithLocation(0).WithLocation(2).WithArguments("Events", "OrderPlaced"));

    [Fact]
    public Task The_fix_on_a_containing_type_also_fixes_the_event_type()
    {
        // Only the container is diagnosed in the source given to the fix: the event type itself is already partial
        // here, but the chain between them is not.
        var test = new Verify.Test
        {
            TestCode = """
                using Pinterest.Conversions;

                class {|#0:Outer|}
                {
                    class {|#1:Middle|}
                    {
                        [PinterestEvent(EventName.Lead)]
                        partial record {|#2:Lead|}([MapTo(PinterestField.EventId)] string Id);
                    }
                }
                """,
            FixedCode = """
                using Pinterest.Conversions;

                partial class Outer
                {
                    partial class Middle
                    {
                        [PinterestEvent(EventName.Lead)]
                        partial record Lead([MapTo(PinterestField.EventId)] string Id);
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN001").WithLocation(1).WithLocation(2).WithArguments("Middle", "Lead"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN001").WithLocation(0).WithLocation(2).WithArguments("Outer", "Lead"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_makes_every_event_partial_across_documents()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/Orders.cs", """
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Checkout)]
            public record {|#0:OrderPlaced|}([MapTo(PinterestField.EventId)] string Id);

            [PinterestEvent(EventName.AddToCart)]
            internal sealed class {|#1:AddedToCart|} { [MapTo(PinterestField.EventId)] public string Id = ""; }
            """));
        test.TestState.Sources.Add(("/0/Accounts.cs", """
            using Pinterest.Conversions;
            namespace Shop;

            public static class {|#2:Accounts|}
            {
                [PinterestEvent(EventName.Signup)]
                public record struct {|#3:SignedUp|}([MapTo(PinterestField.EventId)] string Id);
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", """
            using Pinterest.Conversions;
            namespace Shop;

            [PinterestEvent(EventName.Checkout)]
            public partial record OrderPlaced([MapTo(PinterestField.EventId)] string Id);

            [PinterestEvent(EventName.AddToCart)]
            internal sealed partial class AddedToCart { [MapTo(PinterestField.EventId)] public string Id = ""; }
            """));
        test.FixedState.Sources.Add(("/0/Accounts.cs", """
            using Pinterest.Conversions;
            namespace Shop;

            public static partial class Accounts
            {
                [PinterestEvent(EventName.Signup)]
                public partial record struct SignedUp([MapTo(PinterestField.EventId)] string Id);
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN001").WithLocation(0).WithArguments("OrderPlaced", "OrderPlaced"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN001").WithLocation(1).WithArguments("AddedToCart", "AddedToCart"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN001").WithLocation(2).WithLocation(3).WithArguments("Accounts", "SignedUp"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN001").WithLocation(3).WithArguments("SignedUp", "SignedUp"));
        return test.RunAsync();
    }
}
