namespace Strata.Keras.Saving;

/// <summary>
/// A model or weights file that cannot be read or written: corrupt, truncated, foreign, unsafe or not matching the
/// model. The message says what is wrong and where (the file, and the zip member, group or dataset).
/// </summary>
public class ModelFileError : InvalidArgumentError
{
    /// <summary>An error with <paramref name="message"/> as it is.</summary>
    /// <param name="message">What is wrong, with the file it concerns.</param>
    public ModelFileError(string message) : base(message) { }

    /// <summary>The same with the place it happened prefixed: <c>m.keras, member model.weights.h5, dataset /layers/dense/vars/0: …</c>.</summary>
    public ModelFileError(string where, string what) : base($"{where}: {what}") { }
}
