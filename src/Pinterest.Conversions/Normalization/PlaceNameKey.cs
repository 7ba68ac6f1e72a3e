namespace Pinterest.Conversions;

/// <summary>
/// The lookup key of a state or country name: its letters only, lowercase ASCII, Latin accents folded, a leading
/// "the" dropped and <c>&amp;</c> read as "and". So <c>The Bahamas</c>, <c>  BAHAMAS. </c> and <c>bahamas</c> are one
/// key, as are <c>Côte d'Ivoire</c> and <c>Cote dIvoire</c>. Built the same way for the tables and for input.
/// </summary>
internal static class PlaceNameKey
{
    /// <summary>Longer than any name in the tables; a longer input matches nothing.</summary>
    internal const int MaxLength = 64;

    /// <summary>
    /// Writes the key of <paramref name="text"/>. False when the text holds a digit, a symbol, a letter that does not
    /// fold to ASCII (another script), no letter at all, or too many letters: no name in the tables looks like that.
    /// <paramref name="isAsciiOnly"/> is true when every letter of the text was an ASCII letter (nothing was folded).
    /// </summary>
    internal static bool TryCreate(ReadOnlySpan<char> text, Span<char> key, out int length, out bool isAsciiOnly)
    {
        length = 0;
        isAsciiOnly = true;
        text = SkipLeadingThe(text);
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                if (!TryAppend(key, ref length, (char)(c | 0x20))) return false;
            }
            else if (c is >= '\u02B0' and <= '\u02FF')
            {
                // Spacing modifier letters are apostrophes in practice: the okina of Hawaiʻi, the ʼ of Côte dʼIvoire.
            }
            else if (char.IsLetter(c))
            {
                isAsciiOnly = false;
                var folded = LatinFolding.Fold(c);
                if (folded.IsEmpty || !TryAppend(key, ref length, folded)) return false;
            }
            else if (c == '&')
            {
                // "Trinidad & Tobago"; a lone "&" stays empty rather than becoming "and" (Andorra's alpha-3 code).
                if (length > 0 && !TryAppend(key, ref length, "and")) return false;
            }
            else if (!(char.IsWhiteSpace(c) || char.IsPunctuation(c)))
            {
                return false;
            }
        }
        return length > 0;
    }

    /// <summary>Builds the key of a table entry; the tables only hold names that have one.</summary>
    internal static string Create(string name)
    {
        Span<char> key = stackalloc char[MaxLength];
        if (!TryCreate(name, key, out var length, out _))
            throw new ArgumentException($"'{name}' has no place-name key.", nameof(name)); // table data, never user input
        return new string(key[..length]);
    }

    private static ReadOnlySpan<char> SkipLeadingThe(ReadOnlySpan<char> text) =>
        text.Length > 4 && System.Text.Ascii.EqualsIgnoreCase(text[..3], "the") && !char.IsLetter(text[3]) ? text[4..] : text;

    private static bool TryAppend(Span<char> key, ref int length, char c)
    {
        if (length == key.Length) return false;
        key[length++] = c;
        return true;
    }

    private static bool TryAppend(Span<char> key, ref int length, ReadOnlySpan<char> letters)
    {
        if (length + letters.Length > key.Length) return false;
        letters.CopyTo(key[length..]);
        length += letters.Length;
        return true;
    }
}

/// <summary>Folds the accented letters of Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) to lowercase ASCII.</summary>
internal static class LatinFolding
{
    private const char First = '\u00C0';

    // One character per code point from U+00C0: the base letter, '*' for the ligatures handled below, '-' for × and ÷.
    private const string Bases =
        "aaaaaa*ceeeeiiiidnooooo-ouuuuy**aaaaaa*ceeeeiiiidnooooo-ouuuuy*y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllll" +
        "nnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    /// <summary>The ASCII letters for <paramref name="c"/>, or empty when it is not a foldable Latin letter.</summary>
    internal static ReadOnlySpan<char> Fold(char c)
    {
        var index = c - First;
        if ((uint)index >= (uint)Bases.Length) return default;
        var folded = Bases[index];
        return folded switch
        {
            '-' => default,
            '*' => c switch
            {
                'ß' => "ss",
                'Æ' or 'æ' => "ae",
                'Œ' or 'œ' => "oe",
                'Þ' or 'þ' => "th",
                'Ĳ' or 'ĳ' => "ij",
                _ => default,
            },
            _ => Bases.AsSpan(index, 1),
        };
    }
}

/// <summary>A name → code table searched by key without allocating: sorted keys, binary search over spans.</summary>
internal sealed class PlaceNameIndex
{
    private readonly string[] _keys;
    private readonly string[] _codes;

    /// <summary>Indexes every name of every entry under its key; the first entry to claim a key keeps it.</summary>
    internal PlaceNameIndex(IEnumerable<(string Code, string[] Names)> entries)
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var (code, names) in entries)
        {
            foreach (var name in names)
            {
                var key = PlaceNameKey.Create(name);
                if (!byKey.TryAdd(key, code) && byKey[key] != code) conflicts.Add($"{key}: {byKey[key]} and {code}");
            }
        }
        _keys = [.. byKey.Keys];
        _codes = [.. byKey.Values];
        Array.Sort(_keys, _codes, StringComparer.Ordinal);
        Conflicts = conflicts;
        foreach (var (key, code) in byKey)
        {
            if (key.Length == 2) _twoLetterCodes[TwoLetterIndex(key)] = code;
        }
    }

    // Two-letter keys ("ca", "uk"), the most common input, found by index instead of the binary search.
    private readonly string?[] _twoLetterCodes = new string?[26 * 26];

    private static int TwoLetterIndex(ReadOnlySpan<char> key) => (key[0] - 'a') * 26 + (key[1] - 'a');

    /// <summary>Keys two entries claimed for different codes (a test keeps this empty).</summary>
    internal IReadOnlyList<string> Conflicts { get; }

    /// <summary>Every key, sorted.</summary>
    internal IReadOnlyList<string> Keys => _keys;

    /// <summary>The code for <paramref name="key"/>, or null.</summary>
    internal string? Find(ReadOnlySpan<char> key)
    {
        // Keys are lowercase ASCII letters (PlaceNameKey); the check keeps a stray span from indexing out of range.
        if (key.Length == 2 && char.IsAsciiLetterLower(key[0]) && char.IsAsciiLetterLower(key[1]))
            return _twoLetterCodes[TwoLetterIndex(key)];

        int low = 0, high = _keys.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = key.SequenceCompareTo(_keys[middle]);
            if (order == 0) return _codes[middle];
            if (order < 0) high = middle - 1;
            else low = middle + 1;
        }
        return null;
    }
}
