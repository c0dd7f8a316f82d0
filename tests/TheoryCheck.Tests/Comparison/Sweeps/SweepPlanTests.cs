using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Sweeps;

namespace TheoryCheck.Tests.Comparison.Sweeps;

public class SweepPlanTests
{
    [Fact]
    public void JobsAreSizeMajorWithKeyedSeeds()
    {
        var context = new ClaimContext("toy.plan", Profile.Test);
        var plan = new SweepPlan([100, 400, 1600], 3, "lambda=30");
        var jobs = plan.Jobs(context);
        Assert.Equal(9, jobs.Count);
        Assert.Equal(new SweepJob(400, 1, 2, context.ReplicateSeed(400, 2, "lambda=30")), jobs[5]);
        Assert.Equal(9, jobs.Select(j => j.Seed).Distinct().Count());
        Assert.NotEqual(context.ReplicateSeed(400, 2), jobs[5].Seed); // the label separates the streams
    }

    [Fact]
    public void ResultsAreInJobOrderAndIndependentOfThreads()
    {
        var plan = new SweepPlan([50, 200, 800, 100], 5);
        ulong[] Run(int threads)
        {
            var context = new ClaimContext("toy.plan", Profile.Test, threads);
            return plan.Run(context, job =>
            {
                ulong h = job.Seed;
                for (int i = 0; i < job.Dimension; i++) h = h * 6364136223846793005UL + 1442695040888963407UL;
                return h;
            });
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(4));
        var context = new ClaimContext("toy.plan", Profile.Test);
        Assert.Equal(plan.Jobs(context).Select(j => j.Dimension * 1000 + j.Replicate), plan.Run(context, j => j.Dimension * 1000 + j.Replicate));
    }

    [Fact]
    public void BySizeSplitsJobOrderedValues()
    {
        var plan = new SweepPlan([10, 20], 3);
        var split = plan.BySize([1, 2, 3, 4, 5, 6]);
        Assert.Equal([1, 2, 3], split[0]);
        Assert.Equal([4, 5, 6], split[1]);
        Assert.Throws<ArgumentException>(() => plan.BySize([1, 2]));
    }

    [Fact]
    public void RejectsBadPlans()
    {
        Assert.Throws<ArgumentException>(() => new SweepPlan([], 1));
        Assert.Throws<ArgumentException>(() => new SweepPlan([10, 10], 1));
        Assert.Throws<ArgumentException>(() => new SweepPlan([0], 1));
        Assert.Throws<ArgumentException>(() => new SweepPlan([10], 0));
    }
}
