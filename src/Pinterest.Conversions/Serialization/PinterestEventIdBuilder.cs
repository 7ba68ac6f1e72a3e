using System.Buffers;
using System.ComponentModel;
using System.Globalization;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// Builds an event_id from an <c>EventIdFormat</c> template in a caller-supplied buffer, growing into a pooled array when
/// needed. Placeholders are formatted with the invariant culture; a null, empty or whitespace one makes the id missing
/// (absent, as everywhere else on the wire).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct PinterestEventIdBuilder
{
    private Span<char> _buffer;
    private char[]? _rented;
    private int _length;

    /// <summary>Starts with <paramref name="initialBuffer"/>, typically stack memory.</summary>
    public PinterestEventIdBuilder(Span<char> initialBuffer)
    {
        _buffer = initialBuffer;
        _rented = null;
        _length = 0;
        IsMissing = false;
    }

    /// <summary>True once a placeholder was null or empty: the event has no event_id.</summary>
    public bool IsMissing { get; private set; }

    /// <summary>The id built so far.</summary>
    public readonly ReadOnlySpan<char> Span => _buffer[.._length];

    /// <summary>Appends literal template text.</summary>
    public void AppendLiteral(ReadOnlySpan<char> text) => Append(text);

    /// <summary>Appends a string placeholder (or a mapped event_id) as is; null, empty or whitespace makes the id missing.</summary>
    public void Append(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) IsMissing = true;
        else Append(value.AsSpan());
    }

    /// <summary>Appends a formattable placeholder with the invariant culture.</summary>
    public void AppendFormatted<T>(T value) where T : ISpanFormattable
    {
        // 'value is null' alone boxes a value-type T wherever the JIT does not optimize (Debug builds, tier 0):
        // test for a reference type first, so a Guid or an int placeholder never allocates.
        if (!typeof(T).IsValueType && value is null)
        {
            IsMissing = true;
            return;
        }
        int written;
        while (!value.TryFormat(_buffer[_length..], out written, default, CultureInfo.InvariantCulture))
            Grow(_buffer.Length * 2);
        if (written == 0) IsMissing = true;
        _length += written;
    }

    /// <summary>Appends a nullable formattable placeholder; null makes the id missing.</summary>
    public void AppendFormatted<T>(T? value) where T : struct, ISpanFormattable
    {
        if (value is { } v) AppendFormatted(v);
        else IsMissing = true;
    }

    /// <summary>Appends any other placeholder through its invariant <c>ToString</c>.</summary>
    public void AppendObject(object? value)
    {
        var text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
        Append(text);
    }

    /// <summary>The id as a string; empty when missing.</summary>
    public override readonly string ToString() => IsMissing ? string.Empty : Span.ToString();

    /// <summary>Returns the pooled array, if one was needed.</summary>
    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) Grow(_length + text.Length);
        text.CopyTo(_buffer[_length..]);
        _length += text.Length;
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(needed, Math.Max(_buffer.Length * 2, 64)));
        _buffer[.._length].CopyTo(next);
        if (_rented is { } old) ArrayPool<char>.Shared.Return(old);
        _rented = next;
        _buffer = next;
    }
}
