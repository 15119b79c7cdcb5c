// Snippets of docs/guides/tensors-and-tapes.md.
#region usings
using Strata;
#endregion

namespace Snippets;

internal static class TensorsAndTapes
{
    [Prints]
    internal static void Creating()
    {
        #region creating
        var a = tf.Constant(new[,] { { 1, 2.0 }, { 3, 4 } });   // C# doubles become float32, as Python floats do
        var i = tf.Constant(new[] { 1, 2, 3 });                   // C# ints become int32
        var d = tf.Constant(new[] { 0.1, 0.2 }, dtype: DType.Float64);
        var r = tf.Range(0, 6);                                   // 0, 1, …, 5
        var m = tf.Reshape(r, [2, 3]);
        Console.WriteLine(a);
        Console.WriteLine(i);
        Console.WriteLine(d);
        Console.WriteLine(m);
        Console.WriteLine($"{m.Shape} {m.DType.Name()} rank {m.Rank}, {m.Size} elements");
        Console.WriteLine(tf.Zeros([2, 2]));
        Console.WriteLine(tf.Linspace(0, 1, 5));
        #endregion
    }

    [Prints]
    internal static void Arithmetic()
    {
        #region arithmetic
        var x = tf.Constant(new[,] { { 1, 2.0 }, { 3, 4 } });
        var row = tf.Constant(new[] { 10, 20.0 });
        Console.WriteLine(x + row);                  // broadcasts like NumPy: row is added to every row of x
        Console.WriteLine(x * 2 - 1);                // C# literals are weak: the result keeps x's dtype
        Console.WriteLine(tf.MatMul(x, x));          // the matrix product
        Console.WriteLine(tf.ReduceSum(x, [1]));     // sum over axis 1
        Console.WriteLine(tf.ReduceMean(x));         // the mean of all elements, a scalar
        var n = tf.Constant(new[] { 1, 2, 3 });
        Console.WriteLine(tf.Cast(n, DType.Float32) / 2);   // int32 / 2 stays integral: cast first, as in TensorFlow
        #endregion
    }

    [Prints]
    internal static void ToDotNet()
    {
        #region to-dotnet
        var x = tf.Constant(new[,] { { 1, 2.0 }, { 3, 4 } });
        float[] flat = x.ToArray<float>();           // row-major copy of the values
        Console.WriteLine(string.Join(", ", flat));
        Console.WriteLine(x.Numpy());                // an NDArray, printed as NumPy prints it
        float s = tf.ReduceSum(x).Item<float>();     // a scalar's value
        Console.WriteLine(s);
        #endregion
    }

    [Prints]
    internal static void Indexing()
    {
        #region indexing
        var x = tf.Reshape(tf.Range(0, 12), [3, 4]);
        Console.WriteLine(x[0]);                              // the first row
        Console.WriteLine(x[^1]);                             // the last row (x[-1] too)
        Console.WriteLine(x[.., 1..3]);                       // columns 1 and 2 of every row
        Console.WriteLine(x[0, TensorIndex.Slice(null, null, -1)]);  // the first row reversed: x[0, ::-1]
        Console.WriteLine(x[tf.newaxis, ..].Shape);           // x[tf.newaxis, ...]
        Console.WriteLine(x[tf.ellipsis, 0]);                 // x[..., 0]
        #endregion
    }

    [Prints]
    internal static void Variables()
    {
        #region variables
        var v = tf.Variable(tf.Zeros([4]));
        v.Assign(tf.Constant(new[] { 1, 2, 3, 4.0 }));
        v.AssignAdd(tf.Ones([4]));
        v[0..2].Assign(tf.Constant(new[] { -1, -1.0 }));   // v[0:2].assign(...)
        Console.WriteLine(v);
        #endregion
    }

    [Prints]
    internal static void Errors()
    {
        #region errors
        var a = tf.Ones([1, 2]);
        var b = tf.Ones([3, 3]);
        try
        {
            tf.MatMul(a, b);
        }
        catch (InvalidArgumentError e)
        {
            Console.WriteLine(e.Message);
        }
        #endregion
    }

    [Prints]
    internal static void FirstGradient()
    {
        #region first-gradient
        var x = tf.Variable(3.0);
        Tensor? dyDx;
        using (var tape = new GradientTape())   // trainable variables are watched automatically
        {
            var y = x * x;
            dyDx = tape.Gradient(y, x);         // dy/dx = 2x
        }
        Console.WriteLine(dyDx);
        #endregion
    }

    [Prints]
    internal static void SeveralSources()
    {
        #region several-sources
        tf.random.SetSeed(1);
        var x = tf.Constant(new[,] { { 1, 2.0 } });
        var W = tf.Variable(tf.random.Normal([2, 3]));
        var b = tf.Variable(tf.Zeros([3]));
        Tensor?[] grads;
        using (var tape = new GradientTape())
        {
            var y = tf.Sigmoid(tf.MatMul(x, W) + b);
            var loss = tf.ReduceMean(tf.Square(y - 1f));
            grads = tape.Gradient(loss, [W, b]);   // one gradient per source, null where unconnected
        }
        Console.WriteLine(grads[0]!.Shape);
        Console.WriteLine(grads[1]!.Shape);
        #endregion
    }

    [Prints]
    internal static void WatchingConstants()
    {
        #region watch
        var x = tf.Constant(2.0);
        Tensor? dy;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);                      // constants are not watched unless asked
            var y = tf.Exp(x);
            dy = tape.Gradient(y, x);
        }
        Console.WriteLine(dy);
        #endregion
    }

    [Prints]
    internal static void Persistent()
    {
        #region persistent
        var x = tf.Variable(3.0);
        using var tape = new GradientTape(persistent: true);   // Gradient may be called more than once
        var y = x * x;
        var z = y * y;                                          // x^4
        Console.WriteLine(tape.Gradient(z, x));                 // 4x^3 = 108
        Console.WriteLine(tape.Gradient(y, x));                 // 2x = 6
        #endregion
    }

    [Prints]
    internal static void SecondOrder()
    {
        #region second-order
        var x = tf.Variable(3.0);
        Tensor? d2;
        using (var outer = new GradientTape())
        {
            Tensor? d1;
            using (var inner = new GradientTape())
            {
                var y = x * x * x;              // x^3
                d1 = inner.Gradient(y, x);      // 3x^2, recorded by the outer tape
            }
            d2 = outer.Gradient(d1!, x);        // 6x
        }
        Console.WriteLine(d2);
        #endregion
    }

    [Prints]
    internal static void StopRecordingAndUnconnected()
    {
        #region stop-recording
        var x = tf.Variable(2.0);
        var unused = tf.Variable(5.0);
        Tensor?[] grads;
        using (var tape = new GradientTape())
        {
            var y = x * x;
            Tensor logged;
            using (tape.StopRecording())
                logged = y * 100;               // not recorded: no gradient flows through it
            grads = tape.Gradient(y, [x, unused], UnconnectedGradients.Zero);   // zeros instead of null
        }
        Console.WriteLine(grads[0]);
        Console.WriteLine(grads[1]);
        #endregion
    }

    [Prints]
    internal static void Jacobian()
    {
        #region jacobian
        var x = tf.Variable(tf.Constant(new[] { 1, 2, 3.0 }));
        using var tape = new GradientTape();
        var y = x * x;
        Console.WriteLine(tape.Jacobian(y, x));   // diag(2x)
        #endregion
    }

    [Prints]
    internal static void SgdLoop()
    {
        #region sgd-loop
        // Minimize (x - 4)^2 by hand: the lab's first optimization.
        tf.random.SetSeed(1);
        var x = tf.Variable(tf.random.Normal([1]));
        const double learningRate = 1e-2;
        for (int step = 0; step < 500; step++)
        {
            Tensor? grad;
            using (var tape = new GradientTape())
            {
                var loss = tf.Pow(x - 4, 2);
                grad = tape.Gradient(loss, x);
            }
            x.Assign(x - learningRate * grad!);
        }
        Console.WriteLine($"x = {x.Numpy()[0].Item<float>():F4}");
        #endregion
    }

    [Prints]
    internal static void Random()
    {
        #region random
        tf.random.SetSeed(42);                  // TensorFlow's streams: the same numbers as tf.random after set_seed(42)
        Console.WriteLine(tf.random.Uniform([3]));
        Console.WriteLine(tf.random.StatelessNormal([2], seed: (1, 2)));
        #endregion
    }
}
