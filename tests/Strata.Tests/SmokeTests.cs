namespace Strata.Tests;

public class SmokeTests
{
    [Fact]
    public void SeedGradientOfXSquaredIsSix()
    {
        var x = tf.Variable(3.0f);
        Tensor y;
        using (var tape = new GradientTape())
        {
            y = x * x;
            var dy = tape.Gradient(y, x)!;
            Assert.Equal(6f, dy.Item<float>());
        }
    }
}
