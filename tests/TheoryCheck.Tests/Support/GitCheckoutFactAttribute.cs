namespace TheoryCheck.Tests.Support;

/// <summary>A fact that runs in a git checkout of the repository and is reported as skipped (with why) in a source export.</summary>
public sealed class GitCheckoutFactAttribute : FactAttribute
{
    public GitCheckoutFactAttribute()
    {
        string? root = TheoryCheck.Comparison.Golden.RepositoryRoot.TryFind(AppContext.BaseDirectory);
        if (root is null || !Path.Exists(Path.Combine(root, ".git")))
            Skip = "not a git checkout (a source export has no commit to read)";
    }
}
