using System.Buffers.Binary;
using System.Text;

namespace Strata.Onnx.Protobuf;

/// <summary>
/// The protobuf wire format, as much of it as ONNX's messages need: varints, fixed32 floats and length-delimited
/// fields (strings, bytes, packed arrays, nested messages). A nested message is written to its own writer first,
/// so its length is known before it is copied into the parent; an ONNX model is a few levels deep, so the copies
/// cost little next to the weights themselves. Fields are written in the order the caller gives; readers accept
/// any order.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed32 = 5, LengthDelimited = 2;
    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public void Int64(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint((ulong)value);   // negative values take ten bytes, as protobuf's int64/int32 do
    }

    public void Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A repeated int64 field, packed (one length-delimited run of varints).</summary>
    public void PackedInt64(int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0) return;
        var inner = new ProtoWriter();
        foreach (var v in values) inner.WriteVarint((ulong)v);
        Bytes(field, inner._buffer.GetBuffer().AsSpan(0, (int)inner._buffer.Length));
    }

    /// <summary>A repeated float field, packed (little-endian fixed32 values).</summary>
    public void PackedFloat(int field, IReadOnlyList<float> values)
    {
        if (values.Count == 0) return;
        var bytes = new byte[values.Count * 4];
        for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        Bytes(field, bytes);
    }

    /// <summary>A nested message, written by <paramref name="body"/>.</summary>
    public void Message(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        Bytes(field, inner._buffer.GetBuffer().AsSpan(0, (int)inner._buffer.Length));
    }

    public void CopyTo(Stream destination) => destination.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
