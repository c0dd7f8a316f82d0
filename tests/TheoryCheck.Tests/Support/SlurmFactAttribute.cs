using TheoryCheck.Tests.Deploy;

namespace TheoryCheck.Tests.Support;

/// <summary>
/// A fact that brings up a one-node Slurm cluster on localhost (<see cref="LocalSlurmCluster"/>). Decided at discovery
/// from what can be known without starting anything: it is reported as skipped, with the reason, when the machine is
/// not Linux, the tests do not run as root, or Debian's slurm-wlm and munge are not installed (.ci/run installs them on
/// CI, where it runs as root, and fails when it cannot). Past discovery nothing is skipped: a cluster that does not come
/// up fails the test with the daemons' output, since the cluster's configuration is part of what the test checks.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux: the test runs munged, slurmctld and slurmd on localhost";
        else if (Posix.EffectiveUserId() != 0)
            Skip = $"needs root (running as uid {Posix.EffectiveUserId()}): the test starts munged, slurmctld and slurmd with SlurmUser=root";
        else if (LocalSlurmCluster.MissingPrograms() is { Count: > 0 } missing)
            Skip = $"Slurm is not installed: {string.Join(", ", missing)} not found on PATH or in /usr/sbin, /sbin " +
                   "(apt-get install slurm-wlm munge; .ci/run installs them)";
    }
}
