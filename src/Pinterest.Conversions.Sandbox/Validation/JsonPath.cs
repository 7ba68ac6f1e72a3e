using System.Text;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>
/// A location in the request, printed the way a developer reads it: <c>data[0].user_data.em</c>. Built as a chain so
/// that a valid request only pays for the links, and the text is made only for an error.
/// </summary>
internal sealed class JsonPath
{
    // Unknown property names come from the request: they are printed, but never at any length.
    private const int MaxNameLength = 64;

    private readonly JsonPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    private JsonPath(JsonPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The request body itself.</summary>
    public static JsonPath Root { get; } = new(null, null, -1);

    /// <summary>How many steps below the root.</summary>
    public int Depth { get; }

    public JsonPath Property(string name) => new(this, name, -1);

    public JsonPath Index(int index) => new(this, null, index);

    public override string ToString()
    {
        if (_parent is null) return "(request body)";
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        if (_parent is null) return;
        _parent.Append(sb);
        if (_name is null)
        {
            sb.Append('[').Append(_index).Append(']');
            return;
        }
        if (_parent._parent is not null) sb.Append('.');
        sb.Append(_name.Length <= MaxNameLength ? _name : string.Concat(_name.AsSpan(0, MaxNameLength), "…"));
    }
}
