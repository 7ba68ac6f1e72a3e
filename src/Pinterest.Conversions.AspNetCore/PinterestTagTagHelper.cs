using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Pinterest.Conversions.AspNetCore;

/// <summary>
/// <c>&lt;pinterest-tag event="@order" nonce="@nonce" /&gt;</c> renders a script element with the Tag's track call for
/// the event (see <see cref="PinterestTag"/>); nothing when the event is null or its run-time name is not valid. Add it with
/// <c>@addTagHelper *, Pinterest.Conversions.AspNetCore</c>.
/// </summary>
[HtmlTargetElement("pinterest-tag", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PinterestTagTagHelper : TagHelper
{
    /// <summary>The event to track; nothing is rendered when null.</summary>
    public IPinterestEvent? Event { get; set; }

    /// <summary>A Content-Security-Policy nonce for the script element.</summary>
    public string? Nonce { get; set; }

    /// <summary>The write context (clock for unmapped event times); the system clock by default.</summary>
    public PinterestWriteContext? Context { get; set; }

    /// <summary>Renders the script element.</summary>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output is null) throw new ArgumentNullException(nameof(output));
        // Nothing for an event whose name, chosen at run time, is not valid: the API side rejects it (InvalidEventName).
        if (Event is null || !PinterestEventNames.IsValid(Event.EventName))
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.Clear();
        if (!string.IsNullOrEmpty(Nonce)) output.Attributes.SetAttribute("nonce", Nonce); // HTML-encoded by the output
        output.Content.SetHtmlContent(PinterestTag.RenderTrackCall(Event, Context ?? PinterestWriteContext.Default));
    }
}
