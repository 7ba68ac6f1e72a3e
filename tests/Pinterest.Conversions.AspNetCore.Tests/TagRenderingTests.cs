using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>
/// The Tag's track call and the tag helper under the hostile corpus: whatever a value holds, the rendered statement
/// has only its four structural quotes, no character that ends a script element, a JavaScript string or a line, and
/// its JSON reads back the value (a lone surrogate as U+FFFD). The browser suite runs the same output in chromium.
/// </summary>
public class TagRenderingTests
{
    public static TheoryData<int> Corpus()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < HostileText.All.Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_hostile_value_in_every_Tag_parameter_stays_data(int index)
    {
        var hostile = HostileText.All[index];
        var evt = new Purchase
        {
            OrderId = hostile, OrderNumber = hostile, Currency = hostile, Email = "buyer@example.com", Total = 1m,
            Lines = [new Line(hostile, hostile, hostile, 2m, 1)],
        };

        var call = PinterestTag.RenderTrackCall(evt, PinterestWriteContext.Default);

        AssertInert(call, "checkout");
        using var json = JsonDocument.Parse(call["pintrk('track', 'checkout', ".Length..^2]);
        var expected = Readable(hostile);
        // An event_id over 256 characters makes the API event unsendable, so the Tag leaves it out as well.
        if (hostile.Length <= 256) Assert.Equal(expected, json.RootElement.GetProperty("event_id").GetString());
        else Assert.False(json.RootElement.TryGetProperty("event_id", out _));
        Assert.Equal(expected, json.RootElement.GetProperty("order_id").GetString());
        Assert.Equal(expected, json.RootElement.GetProperty("currency").GetString());
        var line = Assert.Single(json.RootElement.GetProperty("line_items").EnumerateArray());
        Assert.Equal(expected, line.GetProperty("product_name").GetString());
        Assert.Equal(expected, line.GetProperty("product_category").GetString());
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_tag_helper_renders_one_script_element_whatever_the_search_text(int index)
    {
        var hostile = HostileText.All[index];
        var helper = new PinterestTagTagHelper { Event = new Searched { Id = "s-1", Query = hostile }, Nonce = hostile };

        var html = Render(helper);

        var close = html.IndexOf("</script>", StringComparison.Ordinal);
        Assert.Equal(html.Length - "</script>".Length, close);                                // the only end tag is the last
        Assert.Equal(1, Count(html.ToLowerInvariant(), "<script"));
        Assert.Equal(-1, html.IndexOf("<!--", StringComparison.Ordinal));
        var body = html[(html.IndexOf('>') + 1)..close];
        AssertInert(body, "search");
    }

    [Theory]
    [InlineData("add_to_cart", "addtocart")]
    [InlineData("checkout", "checkout")]
    [InlineData("page_visit", "pagevisit")]
    public void Tag_event_names(string wire, string tag) => Assert.Equal(tag, PinterestTag.TagEventName(wire));

    [Fact]
    public void A_null_event_renders_nothing()
    {
        var output = Run(new PinterestTagTagHelper());
        Assert.Null(output.TagName);
    }

    [Fact]
    public void The_Tag_data_holds_no_identity()
    {
        var call = PinterestTag.RenderTrackCall(new Purchase { OrderId = "o-1", Email = "buyer@example.com" }, PinterestWriteContext.Default);
        using var json = JsonDocument.Parse(call["pintrk('track', 'checkout', ".Length..^2]);
        Assert.DoesNotContain("em", json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("buyer", call);
    }

    [Theory]
    [InlineData(true, null, """pintrk('set', {"opt_out_type":"LDP"}); pintrk('track', 'lead', {"event_id":"l-1","opt_out_type":"LDP"});""")]
    [InlineData(true, "CCPA", """pintrk('set', {"opt_out_type":"CCPA,LDP"}); pintrk('track', 'lead', {"event_id":"l-1","opt_out_type":"CCPA,LDP"});""")]
    [InlineData(false, "CCPA", """pintrk('set', {"opt_out_type":"CCPA"}); pintrk('track', 'lead', {"event_id":"l-1","opt_out_type":"CCPA"});""")]
    [InlineData(false, null, """pintrk('track', 'lead', {"event_id":"l-1"});""")]
    public void Limited_data_processing_sets_opt_out_type_before_the_track_call(bool ldp, string? optOutType, string expected)
    {
        var evt = new ConsentingLead { Id = "l-1", State = "CA", Country = "US", Ldp = ldp, OptOutType = optOutType };

        Assert.Equal(expected, PinterestTag.RenderTrackCall(evt, PinterestWriteContext.Default));
        // The state and country stay out of the page, as every identity value does.
        Assert.DoesNotContain("st", Names(PinterestTag.RenderTrackCall(evt, PinterestWriteContext.Default)));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_hostile_opt_out_type_stays_data_in_the_set_call(int index)
    {
        var hostile = HostileText.All[index];
        var helper = new PinterestTagTagHelper { Event = new ConsentingLead { Id = "l-1", Ldp = true, OptOutType = hostile } };

        var html = Render(helper);

        var close = html.IndexOf("</script>", StringComparison.Ordinal);
        Assert.Equal(html.Length - "</script>".Length, close);
        Assert.Equal(1, Count(html.ToLowerInvariant(), "<script"));
        var body = html[(html.IndexOf('>') + 1)..close];
        Assert.StartsWith("pintrk('set', {", body);
        foreach (var forbidden in "<>&`\u2028\u2029\n\r\0")
            Assert.True(body.IndexOf(forbidden) < 0, $"U+{(int)forbidden:X4} was written raw");
        Assert.Equal(6, Count(body, "'"));
        // A quote is always escaped inside a string, so '"}); ' can only end the set call.
        var setEnd = body.IndexOf("\"}); pintrk('track', 'lead', ", StringComparison.Ordinal) + 2;
        using var set = JsonDocument.Parse(body["pintrk('set', ".Length..setEnd]);
        using var track = JsonDocument.Parse(body[(setEnd + "); pintrk('track', 'lead', ".Length)..^2]);
        // The set call carries what the event data carries, read back as the same text.
        Assert.Equal(track.RootElement.GetProperty("opt_out_type").GetString(), set.RootElement.GetProperty("opt_out_type").GetString());
        Assert.Contains("LDP", set.RootElement.GetProperty("opt_out_type").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_tag_helper_renders_the_set_call_in_the_same_script_element()
    {
        var html = Render(new PinterestTagTagHelper { Event = new ConsentingLead { Id = "l-1", Ldp = true }, Nonce = "n0" });

        Assert.Equal("""<script nonce="n0">pintrk('set', {"opt_out_type":"LDP"}); pintrk('track', 'lead', {"event_id":"l-1","opt_out_type":"LDP"});</script>""", html);
    }

    [Theory]
    [InlineData("add_to_cart", "addtocart")]
    [InlineData("video_watched-90", "videowatched-90")]
    public void An_event_named_at_run_time_tracks_the_same_name(string name, string tagName)
    {
        var html = Render(new PinterestTagTagHelper { Event = new TenantEvent { Name = name, Id = "t-1" } });

        Assert.Equal($$"""<script>pintrk('track', '{{tagName}}', {"event_id":"t-1"});</script>""", html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("'); window.__pwned=1; ('")]
    [InlineData("</script><script>window.__pwned=2</script>")]
    public void An_event_whose_run_time_name_is_not_valid_is_not_tracked(string? name)
    {
        var evt = new TenantEvent { Name = name, Id = "t-1" };

        Assert.Null(Run(new PinterestTagTagHelper { Event = evt }).TagName);
        Assert.Equal("", Render(new PinterestTagTagHelper { Event = evt }));
        Assert.Equal("", PinterestTag.RenderTrackCall(evt, PinterestWriteContext.Default));
    }

    private static string[] Names(string calls)
    {
        var names = new List<string>();
        foreach (var part in calls.Split("); ", StringSplitOptions.None))
        {
            var start = part.IndexOf('{');
            using var json = JsonDocument.Parse(part[start..].TrimEnd(';').TrimEnd(')'));
            names.AddRange(json.RootElement.EnumerateObject().Select(p => p.Name));
        }
        return names.ToArray();
    }

    /// <summary>Nothing in the statement can end the script element, the string, the line or open a comment.</summary>
    private static void AssertInert(string statement, string tagName)
    {
        Assert.StartsWith($"pintrk('track', '{tagName}', {{", statement);
        Assert.EndsWith("});", statement);
        Assert.Equal(4, Count(statement, "'"));
        foreach (var forbidden in "<>&`\u2028\u2029\n\r\0")
            Assert.True(statement.IndexOf(forbidden) < 0, $"U+{(int)forbidden:X4} was written raw");
        Assert.True(statement.IndexOf("\\'", StringComparison.Ordinal) < 0);
        foreach (var c in statement) Assert.False(char.IsSurrogate(c), "a surrogate was written raw");
    }

    /// <summary>What a JSON reader gets back: the text, with each lone surrogate replaced by U+FFFD.</summary>
    private static string Readable(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Render(TagHelper helper)
    {
        var output = Run(helper);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static TagHelperOutput Run(TagHelper helper)
    {
        var context = new TagHelperContext([], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput("pinterest-tag", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(context, output);
        return output;
    }
}
