namespace TheoryCheck.Cli.Common;

/// <summary><c>--progress auto|plain|none</c>: how progress reaches stderr.</summary>
public enum ProgressMode
{
    /// <summary>A line rewritten in place on a terminal; plain timestamped lines when stderr is a file, pipe or batch log.</summary>
    Auto,
    /// <summary>Plain timestamped lines, one per message (Slurm logs, <c>2&gt; log</c>).</summary>
    Plain,
    /// <summary>Nothing.</summary>
    None,
}
