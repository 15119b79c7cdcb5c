namespace Strata;

/// <summary>Base of Strata's errors; the family mirrors TensorFlow's <c>tf.errors</c>.</summary>
public class StrataException : Exception
{
    /// <summary>An error with <paramref name="message"/>, which names the op and what was wrong.</summary>
    public StrataException(string message) : base(message) { }
    /// <summary>An error with <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public StrataException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Bad shapes, values or dtypes given to an op (TensorFlow's <c>InvalidArgumentError</c>).</summary>
public class InvalidArgumentError : StrataException
{
    /// <summary>An invalid-argument error; <paramref name="message"/> names the op and the shapes or values, as TensorFlow's do.</summary>
    public InvalidArgumentError(string message) : base(message) { }
}

/// <summary>An operation that is not allowed in the current state (TensorFlow's <c>FailedPreconditionError</c>
/// and the <c>RuntimeError</c> Python raises, e.g. a second gradient on a non-persistent tape).</summary>
public class FailedPreconditionError : StrataException
{
    /// <summary>A failed-precondition error; <paramref name="message"/> says which state forbids the operation.</summary>
    public FailedPreconditionError(string message) : base(message) { }
}

/// <summary>An index or axis outside its range (TensorFlow's <c>OutOfRangeError</c> / Python's IndexError).</summary>
public class OutOfRangeError : InvalidArgumentError
{
    /// <summary>An out-of-range error; <paramref name="message"/> names the index or axis and its range.</summary>
    public OutOfRangeError(string message) : base(message) { }
}

/// <summary>An op asked to work on a dtype it does not support (TensorFlow's <c>NotFoundError</c> for a missing kernel).</summary>
public class UnsupportedDTypeError : InvalidArgumentError
{
    /// <summary>An unsupported-dtype error; <paramref name="message"/> names the op and the dtype.</summary>
    public UnsupportedDTypeError(string message) : base(message) { }
}

/// <summary>Not enough memory for a tensor (TensorFlow's <c>ResourceExhaustedError</c>, "OOM when allocating").</summary>
public class ResourceExhaustedError : StrataException
{
    /// <summary>An out-of-memory error; <paramref name="message"/> says how much was asked for, <paramref name="inner"/> is the
    /// runtime's <see cref="OutOfMemoryException"/>.</summary>
    public ResourceExhaustedError(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A value of the wrong kind for what was asked (Python's <c>TypeError</c>, which TensorFlow raises for a
/// lossy conversion such as <c>tf.constant(1.5, dtype=tf.int32)</c>).</summary>
public class TypeError : InvalidArgumentError
{
    /// <summary>A type error; <paramref name="message"/> names the value and the type it cannot become.</summary>
    public TypeError(string message) : base(message) { }
}

/// <summary>Unrecoverable loss or corruption of stored data (TensorFlow's <c>tf.errors.DataLossError</c>): a truncated
/// or foreign file where a Strata file was expected.</summary>
public class DataLossError : StrataException
{
    /// <summary>A data-loss error; <paramref name="message"/> names the file or record and what is wrong with it.</summary>
    public DataLossError(string message) : base(message) { }
}
