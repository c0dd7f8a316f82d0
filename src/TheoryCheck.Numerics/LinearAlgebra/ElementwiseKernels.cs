using System.Numerics;

namespace TheoryCheck.Numerics.LinearAlgebra;

/// <summary>Element-wise vector kernels that <see cref="System.Numerics.Tensors.TensorPrimitives"/> does not provide.</summary>
public static class ElementwiseKernels
{
    /// <summary>
    /// The Heaviside step y_i = 1{x_i &gt; 0} (1 or 0; NaN gives 0), the derivative of the ReLU under the autograd
    /// convention g′(0) = 0. Vectorised with <see cref="Vector{T}"/>; spans of equal length, may alias.
    /// </summary>
    public static void Heaviside(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length != x.Length) throw new ArgumentException("x and y must have the same length");
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            for (; i <= x.Length - width; i += width)
            {
                var v = new Vector<double>(x[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? 1.0 : 0.0;
    }
}
