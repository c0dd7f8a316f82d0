using MathNet.Numerics.LinearAlgebra;

namespace TheoryCheck.Tests.Models.Kgmm;

/// <summary>
/// Test-only standard-normal rules built independently of Numerics.Gaussian: Golub–Welsch Gauss–Hermite (MathNet
/// eigen-decomposition of the Jacobi matrix) and its tensor product, plus seeded Monte-Carlo sampling helpers.
/// </summary>
internal static class TestRules
{
    public static (double[] Nodes, double[] Weights) GaussHermite1D(int n)
    {
        var j = Matrix<double>.Build.Dense(n, n);
        for (int i = 1; i < n; i++) j[i, i - 1] = j[i - 1, i] = Math.Sqrt(i);
        var evd = j.Evd(Symmetricity.Symmetric);
        var x = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = evd.EigenValues[i].Real;
            double v = evd.EigenVectors[0, i];
            w[i] = v * v;
        }
        double s = w.Sum();
        for (int i = 0; i < n; i++) w[i] /= s;
        return (x, w);
    }

    /// <summary>Tensor rule in <paramref name="dim"/> dimensions, nodes row-major.</summary>
    public static (double[] Nodes, double[] Weights) Tensor(int dim, int n)
    {
        var (x, w) = GaussHermite1D(n);
        int count = (int)Math.Pow(n, dim);
        var nodes = new double[count * dim];
        var weights = new double[count];
        for (int j = 0; j < count; j++)
        {
            int rest = j;
            double weight = 1;
            for (int i = 0; i < dim; i++)
            {
                int idx = rest % n;
                rest /= n;
                nodes[j * dim + i] = x[idx];
                weight *= w[idx];
            }
            weights[j] = weight;
        }
        return (nodes, weights);
    }

    public static double Normal(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A random symmetric positive definite k×k matrix A Aᵀ + shift·I (row-major).</summary>
    public static double[] RandomSpd(Random rng, int k, double shift, double scale = 1)
    {
        var a = new double[k * k];
        for (int i = 0; i < a.Length; i++) a[i] = scale * (rng.NextDouble() - 0.5);
        var r = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int e = 0; e < k; e++)
            {
                double s = c == e ? shift : 0;
                for (int l = 0; l < k; l++) s += a[c * k + l] * a[e * k + l];
                r[c * k + e] = s;
            }
        return r;
    }
}
