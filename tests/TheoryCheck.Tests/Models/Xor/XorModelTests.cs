using TheoryCheck.Models.Xor;

namespace TheoryCheck.Tests.Models.Xor;

public sealed class XorModelTests
{
    [Fact]
    public void ObservableNamesHaveTheFixedOrder()
    {
        var names = XorModel.ObservableNames(4);
        Assert.Equal(3 * 4 + 10 + 3, names.Count);
        Assert.Equal(XorModel.ObservableCount(4), names.Count);
        Assert.Equal(["v[1]", "v[2]", "v[3]", "v[4]", "mmu[1]"], names.Take(5));
        Assert.Equal("mnu[4]", names[11]);
        Assert.Equal(["Rperp[1,1]", "Rperp[1,2]", "Rperp[1,3]", "Rperp[1,4]", "Rperp[2,2]"], names.Skip(12).Take(5));
        Assert.Equal("Rperp[4,4]", names[21]);
        Assert.Equal(["loss", "accuracy", "covered"], names.Skip(22));
        Assert.Equal(names.Take(22), XorModel.StatisticNames(4));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void DescriptorDocumentsEveryParameterAndMarksTheSimulationOnes()
    {
        var specs = XorModel.Descriptor.Parameters.ToDictionary(s => s.Name);
        Assert.Equal(["width", "lambda", "beta", "cdelta", "v0", "mmu0", "mnu0", "rperp0", "init", "d", "seed"], XorModel.Descriptor.Parameters.Select(s => s.Name));
        Assert.True(specs["d"].SimulationOnly);
        Assert.True(specs["seed"].SimulationOnly);
        Assert.False(specs["width"].SimulationOnly);
        Assert.Equal(["warm", "random"], specs["init"].Choices);
        Assert.Contains("mod 4", specs["v0"].DefaultDisplay);
        Assert.Equal("xor", XorModel.Descriptor.Id);
    }

    [Fact]
    public void PackedStatisticsMatchTheObservableOrder()
    {
        var s = new XorStatistics([1, 2], [3, 4], [5, 6], [7, 8, 8, 9]);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], s.ToPacked());
        Assert.Equal(2, XorStatistics.WidthOfPacked(9));
        var back = XorStatistics.FromPacked(s.ToPacked());
        Assert.Equal(s.ToPacked(), back.ToPacked());
        // R⊥ is symmetrised.
        Assert.Equal(8.5, new XorStatistics([1, 2], [3, 4], [5, 6], [7, 8, 9, 9]).RperpAt(0, 1));
    }
}
