using System.Numerics.Tensors;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Classical Gram–Schmidt applied twice ("twice is enough", Giraud–Langou–Rozložník 2005) against vectors stored
/// contiguously (vector j occupies basis[j·n .. (j+1)·n)).
/// </summary>
internal static class GramSchmidt
{
    /// <summary>
    /// Replaces w by (I − QQᵀ)²w for Q = the first <paramref name="count"/> stored vectors, adds the projection
    /// coefficients Qᵀw of both passes to <paramref name="coefficients"/>[0..count) and returns ‖w‖ afterwards.
    /// <paramref name="scratch"/> needs at least <paramref name="count"/> entries.
    /// </summary>
    public static double OrthogonalizeTwice(
        ReadOnlySpan<double> basis, int n, int count, Span<double> w, Span<double> coefficients, Span<double> scratch)
    {
        for (int sweep = 0; sweep < 2; sweep++)
        {
            // Classical: all projections from the same w, then the update (BLAS-2 shape).
            for (int i = 0; i < count; i++)
            {
                double h = TensorPrimitives.Dot(basis.Slice(i * n, n), w);
                scratch[i] = h;
                coefficients[i] += h;
            }
            for (int i = 0; i < count; i++)
                TensorPrimitives.MultiplyAdd(basis.Slice(i * n, n), -scratch[i], w, w);
        }
        return TensorPrimitives.Norm(w);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with a unit vector orthogonal to the first <paramref name="count"/>
    /// stored vectors, drawn from the normal distribution projected on their orthogonal complement
    /// (draws (seed, stream), (seed, stream + 1), … until the projected norm is ≥ 1e-3 of the drawn norm).
    /// Returns the number of draws used. Requires count &lt; n.
    /// </summary>
    public static int RandomOrthogonalUnit(
        ReadOnlySpan<double> basis, int n, int count, ulong seed, ulong stream, Span<double> destination, Span<double> scratch)
    {
        if (count >= n) throw new InvalidOperationException("No orthogonal complement left (count ≥ n).");
        Span<double> ignored = scratch.Slice(count, count);
        for (int draw = 0; draw < 64; draw++)
        {
            SpectraRandom.FillStandardNormal(seed, stream + (ulong)draw, destination);
            double before = TensorPrimitives.Norm(destination);
            ignored.Clear();
            double after = OrthogonalizeTwice(basis, n, count, destination, ignored, scratch);
            if (after > 1e-3 * before)
            {
                // A third pass when much was removed keeps orthogonality at working precision.
                if (after < 0.5 * before)
                    after = OrthogonalizeTwice(basis, n, count, destination, ignored, scratch);
                TensorPrimitives.Multiply(destination, 1.0 / after, destination);
                return draw + 1;
            }
        }
        throw new InvalidOperationException("Could not draw a vector orthogonal to the basis (64 draws failed).");
    }
}
