using StbImageSharp;

namespace Strata.Keras.Utils;

/// <summary>
/// Reads an image file as TensorFlow's <c>tf.io.decode_image(…, channels, expand_animations=False)</c> does for
/// Keras: the format from the file's content (JPEG, PNG, GIF or BMP, whatever its extension; an animated GIF's first
/// frame), converted to 1 (grayscale), 3 (RGB) or 4 (RGBA) channels, as a float32 (height, width, channels) tensor
/// of values 0…255. Decoding is StbImageSharp's (a managed stb_image): a color image made grayscale takes stb's luma
/// (77 R + 150 G + 29 B) / 256, which may differ from TensorFlow's by a level; JPEG's own decoding may differ from
/// libjpeg's by a level or so, as two JPEG decoders do.
/// </summary>
internal static class ImageDecoding
{
    /// <summary>The decoded image, or an <see cref="InvalidArgumentError"/> naming <paramref name="fn"/> and the file.</summary>
    public static Tensor Read(string path, int channels, string fn)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidArgumentError($"{fn}: cannot read the image file '{path}': {e.Message}");
        }
        if (!KnownFormat(bytes))
            throw new InvalidArgumentError(
                $"{fn}: cannot decode the image file '{path}': Unknown image file format. One of JPEG, PNG, GIF, BMP required.");
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, channels switch
            {
                1 => ColorComponents.Grey,
                3 => ColorComponents.RedGreenBlue,
                _ => ColorComponents.RedGreenBlueAlpha,
            });
        }
        catch (Exception e)
        {
            // stb_image's reason ("bad huffman code", "outofdata" …) comes as the exception's message.
            throw new InvalidArgumentError($"{fn}: cannot decode the image file '{path}' (corrupt or truncated): {e.Message}");
        }
        if (image?.Data is null || image.Width <= 0 || image.Height <= 0)
            throw new InvalidArgumentError($"{fn}: cannot decode the image file '{path}': it holds no pixels.");
        return tf.Cast(tf.Constant(image.Data, shape: new Shape(image.Height, image.Width, channels)), DType.Float32);
    }

    /// <summary>TensorFlow's decode_image sniffs these signatures: JPEG FF D8 FF, PNG 89 'PNG', GIF 'GIF8', BMP 'BM'.</summary>
    private static bool KnownFormat(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || b.StartsWith("GIF8"u8) || b.StartsWith("BM"u8);
}
