using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Pinterest.Conversions.Analyzers.Tests.Verifiers.AnalyzerVerifier<Pinterest.Conversions.Generators.Analyzers.ResilienceAnalyzer>;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>Every diagnostic's severity can be changed in .editorconfig (NetEscapades' analyzer tests do the same).</summary>
public class SeverityConfigurationTests
{
    private const string Source = """
        using Pinterest.Conversions;

        [PinterestEvent(EventName.Lead)]
        public partial record {|#0:Lead|}
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }
        """;

    private static readonly DiagnosticResult Pin011 =
        Verify.Diagnostic("PIN011").WithLocation(0).WithArguments("Lead", "ClientIpAddress and ClientUserAgent");

    [Fact]
    public Task PIN011_is_a_warning_by_default()
    {
        var test = new Verify.Test { TestCode = Source };
        test.ExpectedDiagnostics.Add(Pin011.WithSeverity(DiagnosticSeverity.Warning));
        return test.RunAsync();
    }

    [Fact]
    public Task PIN011_can_be_raised_to_an_error()
    {
        var test = new Verify.Test { TestCode = Source }.WithEditorConfig("dotnet_diagnostic.PIN011.severity = error");
        test.ExpectedDiagnostics.Add(Pin011.WithSeverity(DiagnosticSeverity.Error));
        return test.RunAsync();
    }

    [Fact]
    public Task PIN011_can_be_turned_off() =>
        new Verify.Test { TestCode = Source.Replace("{|#0:Lead|}", "Lead") }.WithEditorConfig("dotnet_diagnostic.PIN011.severity = none").RunAsync();

    [Fact]
    public Task PIN011_can_be_lowered_to_a_suggestion()
    {
        var test = new Verify.Test { TestCode = Source }.WithEditorConfig("dotnet_diagnostic.PIN011.severity = suggestion");
        test.ExpectedDiagnostics.Add(Pin011.WithSeverity(DiagnosticSeverity.Info));
        return test.RunAsync();
    }

    [Fact]
    public Task Only_the_files_the_section_matches_are_affected()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/Legacy/Lead.cs", Source));
        test.TestState.Sources.Add(("/0/Current/Signup.cs", Source.Replace("Lead", "Signup").Replace("{|#0:Signup|}", "{|#1:Signup|}")));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [/0/Legacy/*.cs]
            dotnet_diagnostic.PIN011.severity = none
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN011").WithLocation(1).WithArguments("Signup", "ClientIpAddress and ClientUserAgent"));
        return test.RunAsync();
    }

    [Fact]
    public Task The_whole_category_can_be_configured_at_once()
    {
        // PIN012 (info) rises with the category; PIN011 keeps its own, more specific, setting.
        var test = new Verify.Test
        {
            TestCode = """
                using Pinterest.Conversions;

                [PinterestEvent(EventName.Lead)]
                public partial record {|#0:Lead|}
                {
                    [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
                    [MapTo(PinterestField.Email)] public string? Email { get; init; }
                    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
                }
                """,
        }.WithEditorConfig("dotnet_analyzer_diagnostic.category-PinterestConversions.severity = warning");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("PIN012").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
            .WithArguments("Lead", "Phone, Gender, DateOfBirth, LastName, FirstName, City, State, Zip, Country, ExternalId, ClickId"));
        return test.RunAsync();
    }

    [Fact]
    public Task Errors_can_be_lowered_too()
    {
        // Not NotConfigurable: a team that keeps an event type unfinished on purpose can say so.
        var test = new Verifiers.AnalyzerVerifier<Generators.Analyzers.EventSourcesAnalyzer>.Test
        {
            TestCode = """
                using Pinterest.Conversions;

                [PinterestEvent(EventName.Lead)]
                public partial record {|#0:Draft|} { }
                """,
        }.WithEditorConfig("dotnet_diagnostic.PIN003.severity = warning");
        test.ExpectedDiagnostics.Add(Verifiers.AnalyzerVerifier<Generators.Analyzers.EventSourcesAnalyzer>.Diagnostic("PIN003")
            .WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments("Draft"));
        return test.RunAsync();
    }
}
