namespace Pinterest.Conversions;

/// <summary>
/// US states, the District of Columbia and the inhabited territories (USPS codes), and Canadian provinces and
/// territories (Canada Post codes), by name. Other countries' subdivisions are sent as the two-letter code given.
/// </summary>
internal static class StateCodes
{
    // (code, names): the official name first, then common variants.
    internal static readonly (string Code, string[] Names)[] Entries =
    [
        ("al", ["Alabama"]),
        ("ak", ["Alaska"]),
        ("az", ["Arizona"]),
        ("ar", ["Arkansas"]),
        ("ca", ["California"]),
        ("co", ["Colorado"]),
        ("ct", ["Connecticut"]),
        ("de", ["Delaware"]),
        ("dc", ["District of Columbia", "Washington DC", "Washington, D.C."]),
        ("fl", ["Florida"]),
        ("ga", ["Georgia"]),
        ("hi", ["Hawaii", "Hawaiʻi"]),
        ("id", ["Idaho"]),
        ("il", ["Illinois"]),
        ("in", ["Indiana"]),
        ("ia", ["Iowa"]),
        ("ks", ["Kansas"]),
        ("ky", ["Kentucky"]),
        ("la", ["Louisiana"]),
        ("me", ["Maine"]),
        ("md", ["Maryland"]),
        ("ma", ["Massachusetts"]),
        ("mi", ["Michigan"]),
        ("mn", ["Minnesota"]),
        ("ms", ["Mississippi"]),
        ("mo", ["Missouri"]),
        ("mt", ["Montana"]),
        ("ne", ["Nebraska"]),
        ("nv", ["Nevada"]),
        ("nh", ["New Hampshire"]),
        ("nj", ["New Jersey"]),
        ("nm", ["New Mexico"]),
        ("ny", ["New York"]),
        ("nc", ["North Carolina"]),
        ("nd", ["North Dakota"]),
        ("oh", ["Ohio"]),
        ("ok", ["Oklahoma"]),
        ("or", ["Oregon"]),
        ("pa", ["Pennsylvania"]),
        ("ri", ["Rhode Island"]),
        ("sc", ["South Carolina"]),
        ("sd", ["South Dakota"]),
        ("tn", ["Tennessee"]),
        ("tx", ["Texas"]),
        ("ut", ["Utah"]),
        ("vt", ["Vermont"]),
        ("va", ["Virginia"]),
        ("wa", ["Washington", "Washington State"]),
        ("wv", ["West Virginia"]),
        ("wi", ["Wisconsin"]),
        ("wy", ["Wyoming"]),

        ("as", ["American Samoa"]),
        ("gu", ["Guam"]),
        ("mp", ["Northern Mariana Islands"]),
        ("pr", ["Puerto Rico"]),
        ("vi", ["U.S. Virgin Islands", "United States Virgin Islands", "Virgin Islands"]),

        ("ab", ["Alberta"]),
        ("bc", ["British Columbia", "Colombie-Britannique"]),
        ("mb", ["Manitoba"]),
        ("nb", ["New Brunswick", "Nouveau-Brunswick"]),
        ("nl", ["Newfoundland and Labrador", "Newfoundland", "Terre-Neuve-et-Labrador"]),
        ("ns", ["Nova Scotia", "Nouvelle-Écosse"]),
        ("nt", ["Northwest Territories", "Territoires du Nord-Ouest"]),
        ("nu", ["Nunavut"]),
        ("on", ["Ontario"]),
        ("pe", ["Prince Edward Island", "PEI", "Île-du-Prince-Édouard"]),
        ("qc", ["Quebec", "Québec"]),
        ("sk", ["Saskatchewan"]),
        ("yt", ["Yukon", "Yukon Territory"]),
    ];

    private static readonly PlaceNameIndex s_names = new(Entries);

    /// <summary>The name index, for tests of the table.</summary>
    internal static PlaceNameIndex Names => s_names;

    /// <summary>The code for a <see cref="PlaceNameKey"/> of a state or province name, or null.</summary>
    internal static string? FindByName(ReadOnlySpan<char> key) => s_names.Find(key);
}
