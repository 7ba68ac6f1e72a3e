using System.Text.Json;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>Every field of the schema mapped at once: each is written, under its wire name, in the schema's order.</summary>
public sealed class FieldOrderTests
{
    /// <summary>Every mappable event field with a member type and a value that is written.</summary>
    private static readonly (string Field, string Type, string Value)[] s_fields =
    [
        ("EventId", "string", "\"o-1\""),
        ("EventTime", "long", "1767225600L"),
        ("ActionSource", "ActionSource", "ActionSource.Offline"),
        ("EventSourceUrl", "string", "\"https://shop.example/\""),
        ("OptOut", "bool", "true"),
        ("PartnerName", "string", "\"ss-partner\""),
        ("Email", "string", "\"a@example.com\""),
        ("MobileAdId", "string", "\"maid\""),
        ("ClientIpAddress", "string", "\"203.0.113.7\""),
        ("ClientUserAgent", "string", "\"UA/1.0\""),
        ("Phone", "string", "\"16169547888\""),
        ("Gender", "string", "\"f\""),
        ("DateOfBirth", "DateOnly", "new DateOnly(1991, 5, 26)"),
        ("LastName", "string", "\"doe\""),
        ("FirstName", "string", "\"jane\""),
        ("City", "string", "\"menlopark\""),
        ("State", "string", "\"ca\""),
        ("Zip", "string", "\"94025\""),
        ("Country", "string", "\"us\""),
        ("ExternalId", "string", "\"u-1\""),
        ("ClickId", "string", "\"click\""),
        ("PartnerId", "string", "\"partner\""),
        ("Currency", "string", "\"USD\""),
        ("Value", "decimal", "72.39m"),
        ("ContentIds", "string[]", "[\"sku-1\"]"),
        ("ContentName", "string", "\"name\""),
        ("ContentCategory", "string", "\"category\""),
        ("ContentBrand", "string", "\"brand\""),
        ("Contents", "Line[]", "[new Line { Id = \"sku-1\" }]"),
        ("NumItems", "int", "1"),
        ("OrderId", "string", "\"o-1\""),
        ("SearchString", "string", "\"mugs\""),
        ("OptOutType", "string", "\"CCPA\""),
        ("LimitedDataProcessing", "bool", "true"),
        ("NamedPartner", "string", "\"np\""),
        ("PredictedLtv", "double", "10.5"),
        ("ExternalMeasurementId", "string", "\"emi\""),
        ("ExternalMeasurementVendorId", "int", "3"),
        ("AppId", "string", "\"app\""),
        ("AppName", "string", "\"App\""),
        ("AppVersion", "string", "\"1.0\""),
        ("DeviceBrand", "string", "\"brand\""),
        ("DeviceCarrier", "string", "\"carrier\""),
        ("DeviceModel", "string", "\"model\""),
        ("DeviceType", "string", "\"phone\""),
        ("OsVersion", "string", "\"17\""),
        ("Wifi", "bool?", "false"),
        ("Language", "string", "\"en\""),
        ("AppInfoAppId", "string", "\"app\""),
        ("AppInfoAppName", "string", "\"App\""),
        ("AppInfoAppPackageName", "string", "\"com.app\""),
        ("AppInfoAppStore", "string", "\"store\""),
        ("AppInfoAppVersion", "string", "\"1.0\""),
        ("AppInfoInstallTime", "long", "1767225600L"),
        ("AppInfoUserAgent", "string", "\"UA\""),
        ("AppInfoWindowHeight", "int", "800"),
        ("AppInfoWindowWidth", "int", "600"),
        ("DeviceInfoBatteryLevel", "int", "50"),
        ("DeviceInfoBrand", "string", "\"brand\""),
        ("DeviceInfoCarrier", "string", "\"carrier\""),
        ("DeviceInfoCpuCores", "int", "8"),
        ("DeviceInfoExternalStorageFreeSpace", "int", "10"),
        ("DeviceInfoExternalStorageSize", "int", "64"),
        ("DeviceInfoFormFactor", "string", "\"tablet\""),
        ("DeviceInfoKernelVersion", "string", "\"6.1\""),
        ("DeviceInfoLanguages", "List<string>", "[\"en\", \"fr\"]"),
        ("DeviceInfoLocale", "string", "\"en-US\""),
        ("DeviceInfoModel", "string", "\"model\""),
        ("DeviceInfoNetworkType", "string", "\"wifi\""),
        ("DeviceInfoOsFamily", "string", "\"ios\""),
        ("DeviceInfoOsName", "string", "\"iOS\""),
        ("DeviceInfoOsReleaseName", "string", "\"Sonoma\""),
        ("DeviceInfoOsVersion", "string", "\"17.1\""),
        ("DeviceInfoScreenDensity", "int", "326"),
        ("DeviceInfoScreenHeight", "int", "2532"),
        ("DeviceInfoScreenWidth", "int", "1170"),
        ("DeviceInfoStorageFreeSpace", "int", "100"),
        ("DeviceInfoStorageSize", "int", "256"),
        ("DeviceInfoTimezone", "string", "\"Europe/Paris\""),
        ("DeviceInfoTimezoneAbbr", "string", "\"CET\""),
        ("DeviceInfoType", "string", "\"phone\""),
    ];

    [Fact]
    public void Every_field_is_written_in_the_schema_order_whatever_the_declaration_order()
    {
        // Declared in reverse order, so the order written can only come from the schema.
        var members = string.Join("\n", s_fields.Reverse().Select(f => $"    [MapTo(PinterestField.{f.Field})] public {f.Type} M{f.Field} {{ get; init; }} = {f.Value};"));
        using var compiled = CompiledEvents.Compile($$"""
            namespace Shop;

            public sealed class Line { [MapTo(PinterestField.ItemId)] public string? Id { get; init; } }

            [PinterestEvent(EventName.Checkout)]
            public partial class Everything
            {
            {{members}}
            }

            public static class Sample { public static IPinterestEvent Create() => new Everything(); }
            """);

        var (report, json) = EventJson.Write(compiled.Create("Shop.Sample.Create"));
        Assert.True(report.IsWritten);
        Assert.False(report.HasDroppedFields);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["event_name", "action_source", "event_time", "event_id", "event_source_url", "opt_out", "partner_name", "user_data", "custom_data",
             "app_id", "app_name", "app_version", "device_brand", "device_carrier", "device_model", "device_type", "os_version", "wifi", "language",
             "app_info", "device_info"],
            TestEvents.PropertyNames(root));
        Assert.Equal(
            ["em", "hashed_maids", "client_ip_address", "client_user_agent", "ph", "ge", "db", "ln", "fn", "ct", "st", "zp", "country", "external_id", "click_id", "partner_id"],
            TestEvents.PropertyNames(root.GetProperty("user_data")));
        Assert.Equal(
            ["currency", "value", "content_ids", "content_name", "content_category", "content_brand", "contents", "num_items", "order_id", "search_string",
             "opt_out_type", "np", "predicted_ltv", "external_measurement_id", "external_measurement_vendor_id"],
            TestEvents.PropertyNames(root.GetProperty("custom_data")));
        Assert.Equal(
            ["app_id", "app_name", "app_package_name", "app_store", "app_version", "install_time", "user_agent", "window_height", "window_width"],
            TestEvents.PropertyNames(root.GetProperty("app_info")));
        Assert.Equal(
            ["battery_level", "brand", "carrier", "cpu_cores", "external_storage_free_space", "external_storage_size", "form_factor", "kernel_version",
             "languages", "locale", "model", "network_type", "os_family", "os_name", "os_release_name", "os_version", "screen_density", "screen_height",
             "screen_width", "storage_free_space", "storage_size", "timezone", "timezone_abbr", "type"],
            TestEvents.PropertyNames(root.GetProperty("device_info")));

        // The values that are not hashed are written as given.
        Assert.Equal("offline", root.GetProperty("action_source").GetString());
        Assert.Equal(1767225600, root.GetProperty("event_time").GetInt64());
        Assert.False(root.GetProperty("wifi").GetBoolean());
        Assert.Equal("CCPA,LDP", root.GetProperty("custom_data").GetProperty("opt_out_type").GetString());
        Assert.Equal("""[{"id":"sku-1"}]""", root.GetProperty("custom_data").GetProperty("contents").GetRawText());
        Assert.Equal("""["en","fr"]""", root.GetProperty("device_info").GetProperty("languages").GetRawText());
        foreach (var hashed in new[] { "em", "hashed_maids", "ph", "ge", "db", "ln", "fn", "ct", "st", "zp", "country", "external_id" })
        {
            var values = root.GetProperty("user_data").GetProperty(hashed);
            Assert.Equal(1, values.GetArrayLength());
            Assert.Matches("^[0-9a-f]{64}$", values[0].GetString());
        }
    }

    [Fact]
    public void Every_field_of_the_runtime_enum_is_covered_here()
    {
        var covered = s_fields.Select(f => f.Field).ToHashSet();
        var items = new[] { "ItemId", "ItemPrice", "Quantity", "ItemName", "ItemCategory", "ItemBrand" };
        var missing = Enum.GetNames<PinterestField>().Where(f => !covered.Contains(f) && !items.Contains(f)).ToArray();
        Assert.Empty(missing);
    }
}
