using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Conversions.Sandbox.Dedup;

/// <summary>
/// event_name + event_id as 128 bits of their SHA-256: what the store keeps for 48 hours, whatever the length of the id
/// (a 29 MB event_id used to stay in memory whole). A collision needs about 2^64 keys.
/// </summary>
internal readonly record struct DedupKey(ulong High, ulong Low)
{
    public static DedupKey Of(string eventName, string eventId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(eventName.Length + eventId.Length + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(eventName, buffer);
            buffer[written++] = 0; // no name + id pair can be read as another
            written += Encoding.UTF8.GetBytes(eventId, buffer.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return new DedupKey(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
