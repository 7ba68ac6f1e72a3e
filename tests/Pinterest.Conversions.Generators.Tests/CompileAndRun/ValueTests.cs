using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>Each accepted member type of each kind of field, and what each kind of absent value writes.</summary>
public sealed class ValueTests
{
    private const long NewYear2026 = 1767225600; // 2026-01-01T00:00:00Z
    private static readonly long s_now = long.Parse(EventJson.NowUnix, System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string, long> EventTimes => new()
    {
        { "DateTimeOffset", "new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2))", NewYear2026 },
        { "DateTimeOffset?", "new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)", NewYear2026 },
        { "DateTimeOffset?", "null", s_now },
        { "DateTime", "new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)", NewYear2026 },
        { "DateTime", "new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)", NewYear2026 },
        { "DateTime", "new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)).ToUnixTimeSeconds() },
        { "DateTime?", "new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)", NewYear2026 },
        { "DateTime?", "null", s_now },
        { "long", "1767225600L", NewYear2026 },
        { "long?", "1767225600L", NewYear2026 },
        { "long?", "null", s_now },
        { "int", "1767225600", NewYear2026 },
    };

    [Theory]
    [MemberData(nameof(EventTimes))]
    public void Event_time(string type, string value, long expected)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.EventTime)] public {type} At {{ get; init; }}", $"At = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.True(report.IsWritten);
        Assert.Equal(expected, report.EventTime);
        Assert.Equal(
            $$$"""{"event_name":"checkout","action_source":"web","event_time":{{{expected}}},"event_id":"e-1",{{{TestEvents.UserData}}}}""",
            json);
    }

    [Fact]
    public void Unmapped_event_time_is_the_context_clock()
    {
        var (compiled, evt) = TestEvents.Create("");
        using var _ = compiled;

        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", EventJson.Serialize(evt));
        var later = new PinterestWriteContext(new FakeTimeProvider(EventJson.Now.AddHours(1)));
        Assert.Contains($"\"event_time\":{s_now + 3600},", PinterestJson.Serialize(evt, later));
    }

    public static TheoryData<string, string, string, string?> MoneyValues => new()
    {
        { "Value", "decimal", "72.39m", "72.39" },
        { "Value", "decimal", "72.10m", "72.10" },
        { "Value", "decimal", "0m", "0" },
        { "Value", "decimal?", "72.39m", "72.39" },
        { "Value", "decimal?", "null", null },
        { "Value", "double", "72.39", "72.39" },
        { "Value", "double", "0.5", "0.5" },
        { "Value", "double?", "null", null },
        { "Value", "float", "72.39f", "72.39" },
        { "Value", "float?", "1.5f", "1.5" },
        { "Value", "int", "72", "72" },
        { "Value", "int?", "null", null },
        { "Value", "long", "7200000000L", "7200000000" },
        { "Value", "long?", "7200000000L", "7200000000" },
        { "PredictedLtv", "decimal", "1234.5m", "1234.5" },
        { "PredictedLtv", "double", "99.99", "99.99" },
        { "PredictedLtv", "int", "7", "7" },
    };

    [Theory]
    [MemberData(nameof(MoneyValues))]
    public void Money_is_written_as_an_invariant_string(string field, string type, string value, string? expected)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.{field})] public {type} Amount {{ get; init; }}", $"Amount = {value}");
        using var _ = compiled;

        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // a comma decimal separator must not leak in
        try
        {
            var json = EventJson.Serialize(evt);
            var wire = field == "Value" ? "value" : "predicted_ltv";
            Assert.Equal(expected is null ? null : $$"""{"{{wire}}":"{{expected}}"}""", TestEvents.Property(json, "custom_data"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("double", "double.NaN")]
    [InlineData("double", "double.PositiveInfinity")]
    [InlineData("double?", "double.NegativeInfinity")]
    [InlineData("float", "float.NaN")]
    [InlineData("float?", "float.PositiveInfinity")]
    public void Money_that_is_not_finite_is_dropped_and_reported(string type, string value)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.Value)] public {type} Amount {{ get; init; }}", $"Amount = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.True(report.IsWritten);
        Assert.Null(TestEvents.Property(json, "custom_data"));
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.Value));
        Assert.Equal([new PinterestDroppedField(PinterestField.Value, PinterestHashStatus.Invalid)], report.DroppedFields);
        Assert.DoesNotContain("NaN", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Action_source_from_the_attribute()
    {
        var (compiled, evt) = TestEvents.Create("", attribute: "EventName.Checkout, ActionSource = ActionSource.Offline");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(ActionSource.Offline, report.ActionSource);
        Assert.StartsWith("""{"event_name":"checkout","action_source":"offline",""", json);
    }

    [Theory]
    [InlineData("ActionSource", "ActionSource.AppAndroid", "app_android")]
    [InlineData("ActionSource", "ActionSource.Web", "web")]
    [InlineData("ActionSource?", "ActionSource.AppIos", "app_ios")]
    [InlineData("ActionSource?", "null", "web")]
    public void Action_source_mapped_as_a_member(string type, string value, string expected)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.ActionSource)] public {type} Source {{ get; init; }}", $"Source = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.StartsWith($$"""{"event_name":"checkout","action_source":"{{expected}}","event_time":""", json);
        Assert.Equal(expected, PinterestSchema_WireName(report.ActionSource));
    }

    [Theory]
    [InlineData("ActionSource", "(ActionSource)99")]
    [InlineData("ActionSource?", "(ActionSource)(-1)")]
    [InlineData("ActionSource", "default")] // the enum starts at 1 (Web): an unset member is not a defined value
    public void Undefined_action_source_makes_the_event_unsendable(string type, string value)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.ActionSource)] public {type} Source {{ get; init; }}", $"Source = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.False(report.IsWritten);
        Assert.Equal(PinterestUnsendableReason.InvalidActionSource, report.UnsendableReason);
        Assert.Equal("", json);
        var exception = Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(evt, EventJson.Context));
        Assert.Equal(PinterestUnsendableReason.InvalidActionSource, exception.Report.UnsendableReason);
    }

    [Theory]
    [InlineData("OptOut", "bool", "true", "\"opt_out\":true")]
    [InlineData("OptOut", "bool", "false", null)]
    [InlineData("OptOut", "bool?", "true", "\"opt_out\":true")]
    [InlineData("OptOut", "bool?", "false", "\"opt_out\":false")]
    [InlineData("OptOut", "bool?", "null", null)]
    [InlineData("Wifi", "bool", "true", "\"wifi\":true")]
    [InlineData("Wifi", "bool", "false", null)]
    [InlineData("Wifi", "bool?", "false", "\"wifi\":false")]
    public void Booleans_false_is_omitted_only_when_not_nullable(string field, string type, string value, string? expected)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.{field})] public {type} Flag {{ get; init; }}", $"Flag = {value}");
        using var _ = compiled;

        var json = EventJson.Serialize(evt);
        if (field == "OptOut")
        {
            // opt_out comes right after event_id, before user_data.
            Assert.Equal(TestEvents.Head + (expected is null ? "" : expected + ",") + TestEvents.UserData + "}", json);
        }
        else
        {
            Assert.Equal(TestEvents.Head + TestEvents.UserData + (expected is null ? "" : "," + expected) + "}", json);
        }
    }

    [Theory]
    [InlineData(null, "bool", "true", "LDP")]
    [InlineData(null, "bool?", "true", "LDP")]
    [InlineData(null, "bool", "false", null)]
    [InlineData(null, "bool?", "false", null)]
    [InlineData(null, "bool?", "null", null)]
    [InlineData("\"CCPA\"", "bool", "true", "CCPA,LDP")]
    [InlineData("\" CCPA \"", "bool?", "true", "CCPA,LDP")]
    [InlineData("\"CCPA,LDP\"", "bool", "true", "CCPA,LDP")]
    [InlineData("\"LDP\"", "bool", "true", "LDP")]
    [InlineData("\"CCPA, ldp\"", "bool", "true", "CCPA, ldp")]
    [InlineData("\"CCPA\"", "bool", "false", "CCPA")]
    [InlineData("\"   \"", "bool", "true", "LDP")]
    [InlineData("null", "bool", "false", null)]
    public void Limited_data_processing_merges_into_opt_out_type_for_the_API_and_the_Tag(string? optOutType, string ldpType, string ldp, string? expected)
    {
        var members = $"[MapTo(PinterestField.LimitedDataProcessing)] public {ldpType} Ldp {{ get; init; }}";
        var init = $"Ldp = {ldp}";
        if (optOutType is not null)
        {
            members += "\n[MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; }";
            init += $", OptOutType = {optOutType}";
        }
        var (compiled, evt) = TestEvents.Create(members, init);
        using var _ = compiled;

        Assert.Equal(expected is null ? null : $$"""{"opt_out_type":"{{expected}}"}""", TestEvents.Property(EventJson.Serialize(evt), "custom_data"));
        // The Tag takes the same value, merged by the same rule (the event writer's).
        Assert.Equal(expected is null ? """{"event_id":"e-1"}""" : $$"""{"event_id":"e-1","opt_out_type":"{{expected}}"}""", EventJson.TagData(evt));
    }

    [Fact]
    public void Opt_out_type_alone()
    {
        var (compiled, evt) = TestEvents.Create("[MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; }", "OptOutType = \"CCPA\"");
        using var _ = compiled;

        Assert.Equal("""{"opt_out_type":"CCPA"}""", TestEvents.Property(EventJson.Serialize(evt), "custom_data"));
    }

    [Theory]
    [InlineData("NumItems", "int", "3", "custom_data", """{"num_items":3}""")]
    [InlineData("NumItems", "long", "30000000000L", "custom_data", """{"num_items":30000000000}""")]
    [InlineData("NumItems", "short", "2", "custom_data", """{"num_items":2}""")]
    [InlineData("NumItems", "int?", "null", "custom_data", null)]
    [InlineData("NumItems", "int?", "0", "custom_data", """{"num_items":0}""")]
    [InlineData("ExternalMeasurementVendorId", "long?", "12", "custom_data", """{"external_measurement_vendor_id":12}""")]
    [InlineData("AppInfoWindowHeight", "int", "1080", "app_info", """{"window_height":1080}""")]
    [InlineData("DeviceInfoBatteryLevel", "byte", "55", "device_info", """{"battery_level":55}""")]
    public void Integers(string field, string type, string value, string container, string? expected)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.{field})] public {type} Count {{ get; init; }}", $"Count = {value}");
        using var _ = compiled;

        Assert.Equal(expected, TestEvents.Property(EventJson.Serialize(evt), container));
    }

    [Theory]
    [InlineData("AppInfoWindowHeight", "40000", PinterestHashStatus.Invalid)]
    [InlineData("DeviceInfoBatteryLevel", "-1", PinterestHashStatus.Invalid)]
    [InlineData("DeviceInfoBatteryLevel", "101", PinterestHashStatus.Invalid)]
    public void Integers_outside_the_schema_range_are_dropped_and_reported(string field, string value, PinterestHashStatus reason)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.{field})] public int Count {{ get; init; }}", $"Count = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", json);
        Assert.Equal(reason, report.GetDropReason(Enum.Parse<PinterestField>(field)));
    }

    [Theory]
    [InlineData("AppInfoAppStore", 100, true)]
    [InlineData("AppInfoAppStore", 101, false)]
    [InlineData("DeviceInfoTimezoneAbbr", 5, true)]
    [InlineData("DeviceInfoTimezoneAbbr", 6, false)]
    public void Strings_over_the_schema_length_are_dropped_as_too_long(string field, int length, bool written)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.{field})] public string? Text {{ get; init; }}", $"Text = \" {new string('x', length)} \"");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(written, json.Contains(new string('x', length), StringComparison.Ordinal));
        Assert.Equal(written ? null : PinterestHashStatus.TooLong, report.GetDropReason(Enum.Parse<PinterestField>(field)));
    }

    [Theory]
    [InlineData("laptop", true)]
    [InlineData(" tablet ", true)]
    [InlineData("toaster", false)]
    [InlineData("Laptop", false)]
    public void Strings_outside_the_schema_enum_are_dropped_as_invalid(string value, bool written)
    {
        var (compiled, evt) = TestEvents.Create("[MapTo(PinterestField.DeviceInfoFormFactor)] public string? FormFactor { get; init; }", $"FormFactor = \"{value}\"");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(written ? $$"""{"form_factor":"{{value.Trim()}}"}""" : null, TestEvents.Property(json, "device_info"));
        Assert.Equal(written ? null : PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.DeviceInfoFormFactor));
    }

    [Fact]
    public void Nullable_and_non_nullable_reference_and_value_types()
    {
        var (compiled, evt) = TestEvents.Create("""
                [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
                [MapTo(PinterestField.ContentName)] public string? ContentName { get; init; }
                [MapTo(PinterestField.Value)] public decimal Value { get; init; }
                [MapTo(PinterestField.PredictedLtv)] public decimal? Ltv { get; init; }
                [MapTo(PinterestField.NumItems)] public int NumItems { get; init; }
                [MapTo(PinterestField.ExternalMeasurementVendorId)] public int? VendorId { get; init; }
                [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
                [MapTo(PinterestField.DeviceInfoLanguages)] public string[]? Languages { get; init; }
            """, """Value = 10m, NumItems = 2, Skus = ["a"], ContentName = "n", Ltv = 5m, VendorId = 9, Languages = ["en"]""");
        using var _ = compiled;

        Assert.Equal(
            TestEvents.Head + TestEvents.UserData + ""","custom_data":{"currency":"USD","value":"10","content_ids":["a"],"content_name":"n","num_items":2,"predicted_ltv":"5","external_measurement_vendor_id":9},"device_info":{"languages":["en"]}}""",
            EventJson.Serialize(evt));
    }

    [Fact]
    public void Absent_values_are_omitted()
    {
        var (compiled, evt) = TestEvents.Create("""
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [MapTo(PinterestField.Phone)] public string? Phone { get; init; } = "";
                [MapTo(PinterestField.FirstName)] public string? FirstName { get; init; } = "   ";
                [MapTo(PinterestField.ExternalId)] public string[] ExternalIds { get; init; } = [];
                [MapTo(PinterestField.City)] public List<string?> Cities { get; init; } = [null, "", " \t "];
                [MapTo(PinterestField.MobileAdId)] public ImmutableArray<string> AdIds { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateOnly Birthday { get; init; }
                [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; } = " ";
                [MapTo(PinterestField.PartnerName)] public string PartnerName { get; init; } = "";
                [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
                [MapTo(PinterestField.Currency)] public string? Currency { get; init; } = "\n";
                [MapTo(PinterestField.ContentIds)] public IReadOnlyList<string> Skus { get; init; } = [];
                [MapTo(PinterestField.NumItems)] public int? NumItems { get; init; }
                [MapTo(PinterestField.Value)] public double? Value { get; init; }
                [MapTo(PinterestField.OptOut)] public bool OptOut { get; init; }
                [MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; } = "  ";
                [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
                [MapTo(PinterestField.AppId)] public string? AppId { get; init; }
                [MapTo(PinterestField.AppInfoAppName)] public string? AppName { get; init; }
                [MapTo(PinterestField.DeviceInfoLanguages)] public HashSet<string> Languages { get; init; } = [];
                [MapTo(PinterestField.DeviceInfoCpuCores)] public int? Cores { get; init; }
            """);
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);
        Assert.Equal(TestEvents.Head + TestEvents.UserData + "}", json);
        Assert.False(report.HasDroppedFields);
        Assert.Empty(report.DroppedFields);
    }

    [Fact]
    public void Strings_are_trimmed()
    {
        var (compiled, evt) = TestEvents.Create("""
                [MapTo(PinterestField.Currency)] public string? Currency { get; init; } = " USD ";
                [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; } = "\thttps://shop.example/a?b=c&d=\"e\"\n";
            """, "Ip = \" 203.0.113.7 \", UserAgent = \" UA/1.0\"");
        using var _ = compiled;

        Assert.Equal(
            $$$"""{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"e-1","event_source_url":"https://shop.example/a?b=c&d=\"e\"",{{{TestEvents.UserData}}},"custom_data":{"currency":"USD"}}""",
            EventJson.Serialize(evt));
    }

    [Fact]
    public void Date_of_birth_from_typed_dates_hashes_the_calendar_date()
    {
        var (compiled, evt) = TestEvents.Create(
            """
                [MapTo(PinterestField.DateOfBirth)] public DateOnly A { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateOnly? B { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateTime C { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateTime? D { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateTimeOffset E { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateTimeOffset? F { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateOnly? Absent { get; init; }
                [MapTo(PinterestField.DateOfBirth)] public DateTime Default { get; init; }
            """,
            """
            A = new DateOnly(1991, 5, 26), B = new DateOnly(1991, 5, 26), C = new DateTime(1991, 5, 26, 23, 59, 0, DateTimeKind.Local),
            D = new DateTime(1991, 5, 26), E = new DateTimeOffset(1991, 5, 26, 23, 0, 0, TimeSpan.FromHours(14)),
            F = new DateTimeOffset(1991, 5, 26, 0, 30, 0, TimeSpan.FromHours(-12))
            """);
        using var _ = compiled;

        using var json = JsonDocument.Parse(EventJson.Serialize(evt));
        var db = json.RootElement.GetProperty("user_data").GetProperty("db");
        // All six typed values are the same calendar date (in their own offset), so one de-duplicated hash is written.
        Assert.Equal(1, db.GetArrayLength());
        Assert.Matches("^[0-9a-f]{64}$", db[0].GetString());
    }

    private static string? PinterestSchema_WireName(ActionSource source) => source switch
    {
        ActionSource.Web => "web",
        ActionSource.AppAndroid => "app_android",
        ActionSource.AppIos => "app_ios",
        ActionSource.Offline => "offline",
        _ => null,
    };
}
