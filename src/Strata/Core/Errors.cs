namespace Strata;

/// <summary>Base of Strata's errors; the family mirrors TensorFlow's <c>tf.errors</c>.</summary>
public class StrataException : Exception
{
    public StrataException(string message) : base(message) { }
    public StrataException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Bad shapes, values or dtypes given to an op (TensorFlow's <c>InvalidArgumentError</c>).</summary>
public class InvalidArgumentError : StrataException
{
    public InvalidArgumentError(string message) : base(message) { }
}

/// <summary>An operation that is not allowed in the current state (TensorFlow's <c>FailedPreconditionError</c>
/// and the <c>RuntimeError</c> Python raises, e.g. a second gradient on a non-persistent tape).</summary>
public class FailedPreconditionError : StrataException
{
    public FailedPreconditionError(string message) : base(message) { }
}

/// <summary>An index or axis outside its range (TensorFlow's <c>OutOfRangeError</c> / Python's IndexError).</summary>
public class OutOfRangeError : InvalidArgumentError
{
    public OutOfRangeError(string message) : base(message) { }
}

/// <summary>An op asked to work on a dtype it does not support (TensorFlow's <c>NotFoundError</c> for a missing kernel).</summary>
public class UnsupportedDTypeError : InvalidArgumentError
{
    public UnsupportedDTypeError(string message) : base(message) { }
}

/// <summary>Not enough memory for a tensor (TensorFlow's <c>ResourceExhaustedError</c>, "OOM when allocating").</summary>
public class ResourceExhaustedError : StrataException
{
    public ResourceExhaustedError(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A value of the wrong kind for what was asked (Python's <c>TypeError</c>, which TensorFlow raises for a
/// lossy conversion such as <c>tf.constant(1.5, dtype=tf.int32)</c>).</summary>
public class TypeError : InvalidArgumentError
{
    public TypeError(string message) : base(message) { }
}

/// <summary>Unrecoverable loss or corruption of stored data (TensorFlow's <c>tf.errors.DataLossError</c>): a truncated
/// or foreign file where a Strata file was expected.</summary>
public class DataLossError : StrataException
{
    public DataLossError(string message) : base(message) { }
}
