using Strata;
using Strata.Plot;

namespace Lab2Mnist;

/// <summary>Section 1.1's figure: 36 random training images with their labels.</summary>
public static class Digits
{
    public static string SaveGrid(Tensor images, Tensor labels, int count, int seed, string path)
    {
        var rng = new Random(seed);                 // np.random.choice(60000, 36)
        int n = images.Shape[0], h = images.Shape[1], w = images.Shape[2];
        var pixels = images.ToArray<float>();
        var classes = labels.ToArray<long>();
        var grids = new List<double[,]>();
        var captions = new List<string>();
        for (int i = 0; i < count; i++)
        {
            int index = rng.Next(n);
            var image = new double[h, w];
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++)
                    image[r, c] = pixels[(long)index * h * w + r * w + c];   // ScottPlot draws row 0 at the top
            grids.Add(image);
            captions.Add(classes[index].ToString());
        }
        return ImageGrid.Save(grids, captions, columns: 6, path);
    }
}
