using TheoryCheck.Numerics.Roots;

namespace TheoryCheck.Tests.Numerics.Roots;

/// <summary>Brent's method against closed-form roots, its bracket contract and its evaluation count.</summary>
public sealed class BrentRootTests
{
    [Fact]
    public void Finds_pi_over_two_as_the_root_of_cosine_to_a_few_ulps()
    {
        ScalarRoot root = BrentRoot.Find(Math.Cos, 0, 2, 0);
        Assert.True(root.Converged);
        double ulp = Math.BitIncrement(Math.PI / 2) - Math.PI / 2;
        Assert.True(Math.Abs(root.Root - Math.PI / 2) <= 4 * ulp, $"root {root.Root:R}");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(1e-6)]
    [InlineData(1e6)]
    public void Cube_root_to_the_requested_tolerance_in_far_fewer_evaluations_than_bisection(double target)
    {
        double exact = Math.Cbrt(target);
        int calls = 0;
        double F(double x)
        {
            calls++;
            return x * x * x - target;
        }
        double tolerance = 1e-12 * exact;
        ScalarRoot root = BrentRoot.Find(F, 0, 2 * exact + 1, tolerance);
        Assert.True(root.Converged);
        Assert.True(Math.Abs(root.Root - exact) <= tolerance + 4 * 2.3e-16 * exact, $"|{root.Root:R} − {exact:R}|");
        Assert.Equal(calls, root.Evaluations);
        Assert.Equal(F(root.Root), root.Value);
        double bisectionSteps = Math.Log2((2 * exact + 1) / tolerance);
        Assert.True(root.Evaluations < bisectionSteps, $"{root.Evaluations} evaluations vs {bisectionSteps:F0} bisections");
    }

    [Fact]
    public void An_end_point_root_is_returned_without_iterating()
    {
        Assert.Equal(new ScalarRoot(3, 0, 0, true), BrentRoot.Find(x => x - 3, 1, 3, -2, 0, 1e-12));
        Assert.Equal(new ScalarRoot(1, 0, 0, true), BrentRoot.Find(x => x - 1, 1, 3, 0, 2, 1e-12));
    }

    [Fact]
    public void An_unbracketed_or_non_finite_interval_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => BrentRoot.Find(x => x * x + 1, -1, 1, 1e-12));
        Assert.Throws<ArgumentException>(() => BrentRoot.Find(x => x, double.NegativeInfinity, 1, 1e-12));
        Assert.Throws<ArgumentException>(() => BrentRoot.Find(x => x, -1, 1, double.NaN));
    }

    [Fact]
    public void A_discontinuous_sign_change_is_located_like_bisection_would()
    {
        // f jumps from −1 to +1 at x = 0.3: no root, but Brent must still shrink the bracket onto the jump.
        ScalarRoot root = BrentRoot.Find(x => x < 0.3 ? -1 : 1, 0, 1, 1e-10);
        Assert.True(root.Converged);
        Assert.True(Math.Abs(root.Root - 0.3) <= 1e-10, $"root {root.Root:R}");
    }
}
