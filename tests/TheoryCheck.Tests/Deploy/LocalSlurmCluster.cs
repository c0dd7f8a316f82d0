using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TheoryCheck.Tests.Deploy;

/// <summary>
/// A private one-node Slurm cluster on localhost (Debian's slurm-wlm and munge, run as root): its own munge key and
/// munged socket, its own slurm.conf (reached through SLURM_CONF, never /etc/slurm), free ports, and state, spool and
/// pid files in its folder, so it neither needs nor disturbs a system-wide Slurm or munge. The daemons run in the
/// foreground as children of this process, each under <c>timeout</c> so that they end even if this process is killed;
/// <see cref="Dispose"/> cancels the cluster's jobs and stops them (SIGTERM, then SIGKILL of the process tree).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class LocalSlurmCluster : IDisposable
{
    /// <summary>The programs the cluster and the submit script use.</summary>
    public static readonly string[] Programs = ["munged", "slurmctld", "slurmd", "sbatch", "scontrol", "squeue", "scancel", "bash", "timeout", "nproc"];

    /// <summary>The daemons stop by themselves after this long (a safety net if the test host dies).</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly List<Daemon> daemons = [];
    private readonly string folder;

    private LocalSlurmCluster(string folder, string nodeName)
    {
        this.folder = folder;
        NodeName = nodeName;
        ConfigPath = Path.Combine(folder, "slurm.conf");
    }

    public string NodeName { get; }

    /// <summary>The slurm.conf that <see cref="Environment"/> points SLURM_CONF to.</summary>
    public string ConfigPath { get; }

    /// <summary>What a client (sbatch, scontrol, submit.sh) needs: SLURM_CONF, and no SLURM_* variable of an enclosing job.</summary>
    public Dictionary<string, string?> Environment
    {
        get
        {
            var variables = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(name => name.StartsWith("SLURM_", StringComparison.Ordinal))
                .ToDictionary(name => name, _ => (string?)null);
            variables["SLURM_CONF"] = ConfigPath;
            return variables;
        }
    }

    public static IReadOnlyList<string> MissingPrograms() => Programs.Where(p => ProcessRunner.Find(p) is null).ToList();

    /// <summary>Writes the configuration, starts munged, slurmctld and slurmd, and waits until the node is idle.</summary>
    /// <exception cref="InvalidOperationException">A daemon did not come up; the message has every daemon's output.</exception>
    public static LocalSlurmCluster Start(string folder)
    {
        string nodeName = Dns.GetHostName().Split('.')[0];
        var cluster = new LocalSlurmCluster(folder, nodeName);
        try
        {
            cluster.StartDaemons();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private void StartDaemons()
    {
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                  UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode secret = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(folder, open);
        File.SetUnixFileMode(folder, open);
        // munged wants its socket's folder searchable by everyone and its key private to its user.
        string run = Directory.CreateDirectory(Path.Combine(folder, "run"), open).FullName;
        string munge = Directory.CreateDirectory(Path.Combine(folder, "munge"), secret).FullName;
        string state = Directory.CreateDirectory(Path.Combine(folder, "state"), secret).FullName;
        string spool = Directory.CreateDirectory(Path.Combine(folder, "spool"), secret).FullName;
        string socket = Path.Combine(run, "munge.socket");
        if (socket.Length > 100) throw new InvalidOperationException($"the munge socket path '{socket}' is too long for a Unix socket (TMPDIR too deep)");

        // A fresh key for this cluster's own munged (the system key, if any, is left alone).
        string key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);

        string plugstack = Path.Combine(folder, "plugstack.conf");
        File.WriteAllText(plugstack, "");
        int cpus = int.Parse(ProcessRunner.Run("nproc", []).Out.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var (controllerPort, nodePort) = (FreePort(), FreePort());
        File.WriteAllText(ConfigPath, $"""
            # A one-node test cluster written by LocalSlurmCluster (TheoryCheck tests).
            ClusterName=theorycheck-test
            SlurmctldHost={NodeName}(127.0.0.1)
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=socket={socket}
            CredType=cred/munge
            StateSaveLocation={state}
            SlurmdSpoolDir={spool}
            SlurmctldPidFile={Path.Combine(run, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(run, "slurmd.pid")}
            PlugStackConfig={plugstack}
            MailProg=/bin/true
            MpiDefault=none
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            AccountingStorageType=accounting_storage/none
            JobAcctGatherType=jobacct_gather/none
            JobCompType=jobcomp/none
            ReturnToService=2
            NodeName={NodeName} NodeAddr=127.0.0.1 CPUs={cpus} State=UNKNOWN
            PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """);

        StartDaemon("munged", "--foreground", "--force", $"--key-file={key}", $"--socket={socket}",
            $"--pid-file={Path.Combine(run, "munged.pid")}", $"--seed-file={Path.Combine(munge, "munged.seed")}");
        WaitUntil("munged to create its socket", TimeSpan.FromSeconds(15), () => File.Exists(socket));
        StartDaemon("slurmctld", "-D");
        WaitUntil("slurmctld to answer 'scontrol ping'", TimeSpan.FromSeconds(30),
            () => Client("scontrol", "ping") is { Exit: 0 } ping && ping.Out.Contains("is UP", StringComparison.Ordinal));
        StartDaemon("slurmd", "-D", "-N", NodeName);
        WaitUntil($"node {NodeName} to be idle", TimeSpan.FromSeconds(30),
            () => Client("scontrol", "show", "node", NodeName).Out.Contains("State=IDLE", StringComparison.Ordinal));
    }

    /// <summary>Runs a Slurm client command against this cluster.</summary>
    public ProcessRunner.Result Client(string program, params string[] arguments) =>
        ProcessRunner.Run(program, arguments, Environment, TimeSpan.FromSeconds(30));

    /// <summary>The job's state (JobState of <c>scontrol show job</c>), e.g. PENDING, RUNNING, COMPLETED, FAILED.</summary>
    public string JobState(string jobId)
    {
        var show = Client("scontrol", "show", "job", jobId);
        if (show.Exit != 0) throw new InvalidOperationException($"scontrol show job {jobId} failed: {show}");
        var match = System.Text.RegularExpressions.Regex.Match(show.Out, @"\bJobState=(\S+)");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no JobState in 'scontrol show job {jobId}':\n{show.Out}");
    }

    /// <summary>Polls until the job has ended (or <paramref name="timeout"/>) and returns its final state.</summary>
    public string WaitForJob(string jobId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string jobState = JobState(jobId);
            if (jobState is not ("PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "RESIZING"))
                return jobState;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"job {jobId} still {jobState} after {timeout.TotalSeconds:F0} s\n{Diagnostics()}");
            AssertDaemonsRunning();
            Thread.Sleep(250);
        }
    }

    /// <summary>The queue, the node and every daemon's output so far, for a failure message.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        try
        {
            text.AppendLine("--- squeue").Append(Client("squeue", "--all").Out);
            text.AppendLine("--- scontrol show node").Append(Client("scontrol", "show", "node", NodeName).Out);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            text.AppendLine($"(clients failed: {e.Message})");
        }
        foreach (var daemon in daemons) text.AppendLine($"--- {daemon.Name} ({(daemon.Process.HasExited ? $"exited {daemon.Process.ExitCode}" : "running")})").Append(daemon.Output);
        text.AppendLine("--- slurm.conf").Append(File.Exists(ConfigPath) ? File.ReadAllText(ConfigPath) : "(none)");
        return text.ToString();
    }

    private void AssertDaemonsRunning()
    {
        if (daemons.FirstOrDefault(d => d.Process.HasExited) is Daemon gone)
            throw new InvalidOperationException($"{gone.Name} exited ({gone.Process.ExitCode})\n{Diagnostics()}");
    }

    private void WaitUntil(string what, TimeSpan timeout, Func<bool> ready)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            AssertDaemonsRunning();
            if (clock.Elapsed > timeout) throw new InvalidOperationException($"timed out after {timeout.TotalSeconds:F0} s waiting for {what}\n{Diagnostics()}");
            Thread.Sleep(200);
        }
    }

    private void StartDaemon(string name, params string[] arguments)
    {
        string program = ProcessRunner.Find(name) ?? throw new InvalidOperationException($"{name} is not installed");
        string[] wrapped = ["--signal=TERM", "--kill-after=10", ((int)Lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), program, .. arguments];
        var process = new Process { StartInfo = ProcessRunner.StartInfo(ProcessRunner.Find("timeout")!, wrapped, Environment) };
        process.StartInfo.RedirectStandardOutput = true;
        process.StartInfo.RedirectStandardError = true;
        process.StartInfo.RedirectStandardInput = true;
        var daemon = new Daemon(name, process);
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        daemons.Add(daemon);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Cancels the cluster's jobs, then stops slurmd, slurmctld and munged (in that order) and waits for them.</summary>
    public void Dispose()
    {
        bool controllerUp = daemons.Any(d => d.Name == "slurmctld" && !d.Process.HasExited);
        if (controllerUp)
        {
            try
            {
                // Every job of this private cluster is the test's own.
                if (Client("squeue", "--noheader", "--format=%A").Out.Trim().Length > 0)
                {
                    Client("scancel", "--user", System.Environment.UserName);
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < TimeSpan.FromSeconds(10) && Client("squeue", "--noheader", "--format=%A").Out.Trim().Length > 0) Thread.Sleep(250);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // The daemons are stopped below either way.
            }
        }
        foreach (var daemon in Enumerable.Reverse(daemons)) daemon.Stop();
        daemons.Clear();
    }

    private sealed class Daemon(string name, Process process)
    {
        private readonly StringBuilder output = new();

        public string Name => name;

        public Process Process => process;

        public string Output { get { lock (output) return output.ToString(); } }

        public void Append(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }

        /// <summary>SIGTERM to the timeout wrapper (which passes it on to the daemon); SIGKILL to the whole tree after 10 s.</summary>
        public void Stop()
        {
            try
            {
                if (!process.HasExited)
                {
                    Posix.Signal(process.Id, Posix.SigTerm);
                    if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
                }
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
