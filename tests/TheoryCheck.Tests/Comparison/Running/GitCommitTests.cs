using TheoryCheck.Comparison.Running;

namespace TheoryCheck.Tests.Comparison.Running;

public class GitCommitTests
{
    private const string HashA = "0123456789abcdef0123456789abcdef01234567";
    private const string HashB = "89abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void ReadsALooseBranchRefFromASubfolder()
    {
        using var temp = new TemporaryDirectory();
        string git = Path.Combine(temp.Path, ".git");
        Directory.CreateDirectory(Path.Combine(git, "refs", "heads", "feat"));
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/feat/x\n");
        File.WriteAllText(Path.Combine(git, "refs", "heads", "feat", "x"), HashA.ToUpperInvariant() + "\n");
        string sub = Directory.CreateDirectory(Path.Combine(temp.Path, "src", "deep")).FullName;
        Assert.Equal(HashA, GitCommit.Read(sub));
    }

    [Fact]
    public void ReadsPackedRefsAndSkipsPeeledLines()
    {
        using var temp = new TemporaryDirectory();
        string git = Directory.CreateDirectory(Path.Combine(temp.Path, ".git")).FullName;
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(git, "packed-refs"),
            $"# pack-refs with: peeled fully-peeled sorted\n{HashB} refs/heads/other\n{HashA} refs/heads/main\n^{HashB}\n");
        Assert.Equal(HashA, GitCommit.Read(temp.Path));
    }

    [Fact]
    public void FollowsAWorktreeGitFileToTheCommonDirectory()
    {
        using var temp = new TemporaryDirectory();
        string common = Directory.CreateDirectory(Path.Combine(temp.Path, "main", ".git")).FullName;
        string worktreeGit = Directory.CreateDirectory(Path.Combine(common, "worktrees", "wt")).FullName;
        File.WriteAllText(Path.Combine(worktreeGit, "HEAD"), "ref: refs/heads/feat/wt\n");
        File.WriteAllText(Path.Combine(worktreeGit, "commondir"), "../..\n");
        Directory.CreateDirectory(Path.Combine(common, "refs", "heads", "feat"));
        File.WriteAllText(Path.Combine(common, "refs", "heads", "feat", "wt"), HashB + "\n");
        string worktree = Directory.CreateDirectory(Path.Combine(temp.Path, "wt")).FullName;
        File.WriteAllText(Path.Combine(worktree, ".git"), $"gitdir: {worktreeGit}\n");
        Assert.Equal(HashB, GitCommit.Read(worktree));
    }

    [Fact]
    public void ReadsADetachedHead()
    {
        using var temp = new TemporaryDirectory();
        string git = Directory.CreateDirectory(Path.Combine(temp.Path, ".git")).FullName;
        File.WriteAllText(Path.Combine(git, "HEAD"), HashA + "\n");
        Assert.Equal(HashA, GitCommit.Read(temp.Path));
    }

    [Fact]
    public void UnresolvableRefGivesNull()
    {
        using var temp = new TemporaryDirectory();
        string git = Directory.CreateDirectory(Path.Combine(temp.Path, ".git")).FullName;
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/unborn\n");
        Assert.Null(GitCommit.Read(temp.Path));
    }

    [TheoryCheck.Tests.Support.GitCheckoutFact]
    public void TheTestRepositoryHasACommitWhenItIsAGitCheckout()
    {
        string root = TheoryCheck.Comparison.Golden.RepositoryRoot.Find();
        Assert.Matches("^[0-9a-f]{40}$", GitCommit.Read(root));
        Assert.Equal(GitCommit.Read(root), GitCommit.Current());
    }
}
