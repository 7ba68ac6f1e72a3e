namespace Pinterest.Conversions;

/// <summary>A set of fields as 128 bits (field ids are at most 127, the schema's JSON Schema says so): no allocation.</summary>
internal readonly record struct FieldMask(ulong Low, ulong High)
{
    public bool IsEmpty => (Low | High) == 0;

    public FieldMask With(PinterestField field)
    {
        var id = (int)field;
        if ((uint)id > 127) return this;
        return id < 64 ? this with { Low = Low | (1UL << id) } : this with { High = High | (1UL << (id - 64)) };
    }

    public bool Contains(PinterestField field)
    {
        var id = (int)field;
        if ((uint)id > 127) return false;
        return id < 64 ? (Low & (1UL << id)) != 0 : (High & (1UL << (id - 64))) != 0;
    }
}
