// cold-start, TorchSharp side: the same op as StrataStart from a fresh process (loading libtorch included).
using static TorchSharp.torch;

var a = tensor(new[] { 1f, 2f, 3f, 4f }).reshape(2, 2);
var y = matmul(a, a);
Console.WriteLine(string.Join(" ", y.data<float>().ToArray()));   // 7 10 15 22
