using Strata.Onnx.Protobuf;

namespace Strata.Onnx.Tests;

/// <summary>The wire format against protobuf's encoding rules, byte for byte.</summary>
public class ProtoWriterTests
{
    private static byte[] Write(Action<ProtoWriter> body)
    {
        var w = new ProtoWriter();
        body(w);
        return w.ToArray();
    }

    [Fact]
    public void VarintsTakeSevenBitsPerByteLowFirst() =>
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, Write(w => w.Int64(1, 150)));   // the protobuf docs' example

    [Fact]
    public void NegativeInt64TakesTenBytes() =>
        Assert.Equal(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, Write(w => w.Int64(3, -1)));

    [Fact]
    public void StringsAreLengthDelimitedUtf8() =>
        Assert.Equal(new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67 }, Write(w => w.String(2, "testing")));

    [Fact]
    public void FloatsAreLittleEndianFixed32() =>
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, Write(w => w.Float(2, 1f)));

    [Fact]
    public void PackedInt64IsOneLengthDelimitedRun() =>
        Assert.Equal(new byte[] { 0x0A, 0x04, 0x03, 0x8E, 0x02, 0x00 }, Write(w => w.PackedInt64(1, [3, 270, 0])));

    [Fact]
    public void NestedMessagesArePrefixedWithTheirLength() =>
        Assert.Equal(new byte[] { 0x3A, 0x03, 0x08, 0x96, 0x01 }, Write(w => w.Message(7, m => m.Int64(1, 150))));

    [Fact]
    public void FieldNumbersAbove15TakeTwoTagBytes() =>
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x07 }, Write(w => w.Int64(20, 7)));
}
