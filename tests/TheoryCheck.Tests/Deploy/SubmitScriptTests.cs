using TheoryCheck.Comparison.Golden;
using TheoryCheck.Tests.Comparison;
using TheoryCheck.Tests.Support;

namespace TheoryCheck.Tests.Deploy;

/// <summary>
/// deploy/slurm/submit.sh against stand-ins for sbatch and theorycheck that record their arguments: what it submits,
/// what each task and the merge job run (quoting of paths and arguments with spaces), how a task's exit code is passed
/// on, and bad arguments (one line, exit 2, nothing submitted). The real cluster is <see cref="SlurmIntegrationTests"/>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SubmitScriptTests : IDisposable
{
    private readonly TemporaryDirectory temp = new();
    private readonly string fakes;
    private readonly string script = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "deploy", "slurm", "submit.sh");

    public SubmitScriptTests()
    {
        fakes = Directory.CreateDirectory(Path.Combine(temp.Path, "fake bin")).FullName;
        // sbatch: records its arguments (one per line) and prints the next job id as --parsable does on a federation.
        WriteScript("sbatch", """
            #!/bin/bash
            n=$(( $(cat "$FAKE_RECORD/count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$FAKE_RECORD/count"
            printf '%s\n' "$@" > "$FAKE_RECORD/sbatch-$n.args"
            echo "$((100 + n));cluster"
            """);
        WriteScript("theorycheck", """
            #!/bin/bash
            printf '%s\n' "$@" > "$FAKE_RECORD/theorycheck.args"
            exit "${FAKE_EXIT:-0}"
            """);
    }

    public void Dispose() => temp.Dispose();

    private string Record => Path.Combine(temp.Path, "record");

    private void WriteScript(string name, string text)
    {
        string path = Path.Combine(fakes, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private ProcessRunner.Result Bash(string file, IEnumerable<string> arguments, Dictionary<string, string?>? extra = null)
    {
        Directory.CreateDirectory(Record);
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = fakes + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_RECORD"] = Record,
        };
        foreach (var (name, value) in extra ?? []) environment[name] = value;
        return ProcessRunner.Run("bash", [file, .. arguments], environment);
    }

    private string[] Recorded(string name) => File.ReadAllText(Path.Combine(Record, name)).TrimEnd('\n').Split('\n');

    [LinuxFact]
    public void Submits_the_array_then_a_merge_job_that_waits_for_it_and_prints_the_merge_id_last()
    {
        string out_ = Path.Combine(temp.Path, "run 1 %j");   // a space, and a % that sbatch's --output would expand
        var result = Bash(script, ["--shards", "3", "--out", out_, "--partition", "short", "--time", "0:10:00", "--cpus", "2", "--",
            "kgmm.corrector", "--profile", "test", "--set", "label=a b"]);
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("102", result.Out.TrimEnd('\n').Split('\n')[^1]);

        string pattern = out_.Replace("%", "%%", StringComparison.Ordinal);
        string[] array = Recorded("sbatch-1.args");
        Assert.Contains("--parsable", array);
        Assert.Contains("--array=0-2", array);
        Assert.Contains($"--output={pattern}/logs/shard-%a.log", array);
        Assert.Equal(Path.Combine(out_, "job", "task.sh"), array[^1]);
        string[] merge = Recorded("sbatch-2.args");
        Assert.Contains("--dependency=afterok:101", merge);
        Assert.Contains("--kill-on-invalid-dep=yes", merge);
        Assert.Contains($"--output={pattern}/logs/merge.log", merge);
        Assert.Equal(Path.Combine(out_, "job", "merge.sh"), merge[^1]);
        Assert.True(Directory.Exists(Path.Combine(out_, "logs")));

        // The resources are #SBATCH lines of both scripts, so a resubmitted script keeps them.
        foreach (string job in new[] { "task.sh", "merge.sh" })
        {
            string text = File.ReadAllText(Path.Combine(out_, "job", job));
            Assert.Contains("#SBATCH --partition=short\n", text);
            Assert.Contains("#SBATCH --time=0:10:00\n", text);
            Assert.Contains("#SBATCH --cpus-per-task=2\n", text);
        }

        // Task 2 of the array, as Slurm would start it.
        var task = Bash(Path.Combine(out_, "job", "task.sh"), [], new() { ["SLURM_ARRAY_TASK_ID"] = "2" });
        Assert.True(task.Exit == 0, task.ToString());
        Assert.Equal(["run", "kgmm.corrector", "--profile", "test", "--set", "label=a b", "--threads", "2",
            "--shard", "2/3", "--out", Path.Combine(out_, "shards", "2"), "--progress", "plain"], Recorded("theorycheck.args"));

        var mergeRun = Bash(Path.Combine(out_, "job", "merge.sh"), []);
        Assert.True(mergeRun.Exit == 0, mergeRun.ToString());
        Assert.Equal(["merge", Path.Combine(out_, "shards", "0"), Path.Combine(out_, "shards", "1"), Path.Combine(out_, "shards", "2"),
            "--threads", "2", "--out", Path.Combine(out_, "report"), "--progress", "plain"], Recorded("theorycheck.args"));
    }

    [LinuxFact]
    public void Without_cpus_the_run_keeps_its_own_threads_and_no_resources_are_requested()
    {
        string out_ = Path.Combine(temp.Path, "run");
        var result = Bash(script, ["--shards=2", "--out=" + out_, "--", "--all", "--threads", "3"]);
        Assert.True(result.Exit == 0, result.ToString());
        Assert.DoesNotContain("#SBATCH --cpus-per-task", File.ReadAllText(Path.Combine(out_, "job", "task.sh")));
        Bash(Path.Combine(out_, "job", "task.sh"), [], new() { ["SLURM_ARRAY_TASK_ID"] = "0" });
        Assert.Equal(["run", "--all", "--threads", "3", "--shard", "0/2", "--out", Path.Combine(out_, "shards", "0"), "--progress", "plain"],
            Recorded("theorycheck.args"));
    }

    /// <summary>Exit 1 (a claim does not hold as expected: the cells are stored) lets the merge run; anything else fails the task.</summary>
    [LinuxTheory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(143, 143)]
    public void A_task_fails_unless_the_run_computed_its_cells(int runExit, int taskExit)
    {
        string out_ = Path.Combine(temp.Path, "run");
        Assert.Equal(0, Bash(script, ["--shards", "2", "--out", out_, "--", "--all"]).Exit);
        var task = Bash(Path.Combine(out_, "job", "task.sh"), [], new() { ["SLURM_ARRAY_TASK_ID"] = "1", ["FAKE_EXIT"] = $"{runExit}" });
        Assert.Equal(taskExit, task.Exit);
    }

    [LinuxFact]
    public void A_task_started_outside_an_array_says_so()
    {
        string out_ = Path.Combine(temp.Path, "run");
        Assert.Equal(0, Bash(script, ["--shards", "2", "--out", out_, "--", "--all"]).Exit);
        var task = Bash(Path.Combine(out_, "job", "task.sh"), [], new() { ["SLURM_ARRAY_TASK_ID"] = null });
        Assert.NotEqual(0, task.Exit);
        Assert.Contains("not started as a task of a Slurm job array", task.Error);
        Assert.False(File.Exists(Path.Combine(Record, "theorycheck.args")));
    }

    [LinuxTheory]
    [InlineData("")]
    [InlineData("--shards")]
    [InlineData("--shards 0 --out OUT -- --all")]
    [InlineData("--shards x --out OUT -- --all")]
    [InlineData("--shards -3 --out OUT -- --all")]
    [InlineData("--shards 99999999999999999999 --out OUT -- --all")]
    [InlineData("--shards 2 --shards 3 --out OUT -- --all")]
    [InlineData("--out OUT -- --all")]
    [InlineData("--shards 2 -- --all")]
    [InlineData("--shards 2 --out OUT")]
    [InlineData("--shards 2 --out OUT --")]
    [InlineData("--shards 2 --out OUT --bogus -- --all")]
    [InlineData("--shards 2 --out OUT --all")]
    [InlineData("--shards 2 --out OUT --cpus 0 -- --all")]
    [InlineData("--shards 2 --out OUT --time --cpus 1 -- --all")]
    [InlineData("--shards 2 --out OUT -- --all --shard 0/2")]
    [InlineData("--shards 2 --out OUT -- --all --out elsewhere")]
    [InlineData("--shards 2 --out OUT -- --all --progress=none")]
    [InlineData("--shards 2 --out FILE -- --all")]
    public void Bad_arguments_are_one_line_and_exit_2_and_submit_nothing(string arguments)
    {
        string file = Path.Combine(temp.Path, "a file");
        File.WriteAllText(file, "");
        string[] split = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a switch { "OUT" => Path.Combine(temp.Path, "out"), "FILE" => file, _ => a }).ToArray();
        var result = Bash(script, split);
        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Out);
        string[] lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("submit.sh: error: ", lines[0]);
        Assert.False(File.Exists(Path.Combine(Record, "count")), "nothing may be submitted");
    }

    [LinuxFact]
    public void Without_theorycheck_on_path_nothing_is_submitted()
    {
        File.Delete(Path.Combine(fakes, "theorycheck"));
        var result = Bash(script, ["--shards", "2", "--out", Path.Combine(temp.Path, "out"), "--", "--all"],
            new() { ["PATH"] = fakes + ":/usr/bin:/bin" });
        Assert.Equal(1, result.Exit);
        Assert.Equal("submit.sh: error: theorycheck is not on PATH\n", result.Error);
        Assert.False(File.Exists(Path.Combine(Record, "count")));
    }
}
