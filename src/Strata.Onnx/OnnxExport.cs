using Strata.Keras.Models;
using Strata.Keras.Saving;
using Strata.Onnx.Export;
using Strata.Onnx.Protobuf;

namespace Strata.Onnx;

/// <summary>
/// ONNX export of Keras models: <c>model.ExportOnnx("m.onnx")</c> writes an opset-17 model that ONNX Runtime
/// runs with Strata's inference results (dropout off, batch normalization on its moving statistics). Sequential
/// and functional models of the built-in layers are exported; any other layer is refused with a
/// <see cref="NotSupportedException"/> naming it. Inputs and outputs keep Keras's layout (channels last).
/// </summary>
public static class OnnxExport
{
    /// <summary>Writes the model to <paramref name="path"/> atomically: a failed export leaves any previous file intact.</summary>
    public static void ExportOnnx(this Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var onnx = ModelExporter.Export(model);   // converted before the file is touched: an unsupported layer writes nothing
        AtomicFile.Write(path, stream => OnnxSerializer.Write(onnx, stream));
    }

    /// <summary>Writes the model to <paramref name="stream"/> (which is left open).</summary>
    public static void ExportOnnx(this Model model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        OnnxSerializer.Write(ModelExporter.Export(model), stream);
    }

    /// <summary>The model as the bytes of an .onnx file.</summary>
    public static byte[] ToOnnxBytes(this Model model)
    {
        using var buffer = new MemoryStream();
        model.ExportOnnx(buffer);
        return buffer.ToArray();
    }
}
