// cold-start, Strata side: one op from a fresh process. A 2x2 matrix product, its values read back and printed.
using Strata;

var a = tf.Constant(new[,] { { 1f, 2f }, { 3f, 4f } });
var y = tf.MatMul(a, a);
Console.WriteLine(string.Join(" ", y.ToArray<float>()));   // 7 10 15 22
