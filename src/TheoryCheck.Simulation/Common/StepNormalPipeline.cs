using System.Runtime.ExceptionServices;
using TheoryCheck.Numerics.Kernels;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Common;

/// <summary>
/// The standard normals of consecutive SGD steps (step s: stream positions [s·d, (s+1)·d)) drawn by two threads
/// for one run (docs/performance.md, "Whole process", the parallel generator): a dedicated long-lived worker and the
/// consuming thread itself share the normals of each step in chunks of about <see cref="ChunkLength"/> positions,
/// claimed in order from one counter, into a ring of <see cref="RingSteps"/> aligned step buffers. The consumer
/// acquires step s (helping with any unclaimed chunk while it waits, so the split balances itself whatever the
/// update costs and however the threads are scheduled), transforms it in place, and releases it when done. Every
/// value is the normal at its position, bit for bit what <see cref="NormalBlockGenerator.Fill"/> writes for the
/// whole step: the generator is counter-based, so who draws a chunk changes no number.
/// </summary>
/// <remarks>
/// Steps are acquired in order from <c>firstStep</c>, at most two held at a time (the current sample and the
/// next). The worker draws only steps below the limit set by <see cref="Allow"/> (the end of the current advance),
/// so nothing is drawn past the end of a run. Hand-off: spin briefly, then block on an event; no allocation and no
/// task per step. Exceptions of the worker are rethrown by the consumer; <see cref="Dispose"/> stops and joins the
/// worker (the thread is a background thread). One consumer thread only.
/// </remarks>
internal sealed class StepNormalPipeline : IDisposable
{
    /// <summary>Target chunk length in normals (≈ 7 µs of Philox + Box–Muller; a multiple of 64).</summary>
    public const int ChunkLength = 2048;

    /// <summary>Steps in the ring: the two the consumer holds plus two drawn ahead.</summary>
    public const int RingSteps = 4;

    private const int SpinIterations = 20;

    private static int s_liveWorkers;

    private readonly NormalBlockGenerator _normals;
    private readonly int _d;
    private readonly int _chunksPerStep;
    private readonly int _chunkLength;
    private readonly AlignedBuffer _ring;
    private readonly int[] _done = new int[RingSteps];
    private readonly ManualResetEventSlim _workerWake = new(false, 1);
    private readonly ManualResetEventSlim _consumerWake = new(false, 1);
    private readonly Thread _worker;
    private long _claimed;      // next global chunk id to draw: step = id / chunksPerStep
    private long _released;     // steps below this are released (their slots are free)
    private long _limit;        // steps below this may be drawn
    private int _workerWaiting;
    private int _consumerWaiting;
    private volatile bool _stopping;
    private volatile ExceptionDispatchInfo? _fault;
    private long _nextAcquire;
    private bool _disposed;

    /// <summary>A pipeline over the normals of <paramref name="normals"/>, d per step, from step <paramref name="firstStep"/>; starts the worker.</summary>
    public StepNormalPipeline(NormalBlockGenerator normals, int dimension, long firstStep)
    {
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        _normals = normals;
        _d = dimension;
        _chunksPerStep = (dimension + ChunkLength - 1) / ChunkLength;
        // Equal chunks rounded up to a multiple of 64 positions (the last one of a step is shorter).
        _chunkLength = Math.Min(dimension, ((dimension + _chunksPerStep - 1) / _chunksPerStep + 63) / 64 * 64);
        _chunksPerStep = (dimension + _chunkLength - 1) / _chunkLength;
        _ring = new AlignedBuffer(RingSteps, dimension);
        _claimed = firstStep * _chunksPerStep;
        _released = firstStep;
        _limit = firstStep;
        _nextAcquire = firstStep;
        _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "theorycheck normals" };
        Interlocked.Increment(ref s_liveWorkers);
        try
        {
            _worker.Start();
        }
        catch
        {
            Interlocked.Decrement(ref s_liveWorkers);
            throw;
        }
    }

    /// <summary>Worker threads started and not yet finished, over the process (for tests: no thread is left behind).</summary>
    public static int LiveWorkers => Volatile.Read(ref s_liveWorkers);

    /// <summary>Lets the worker draw every step below <paramref name="limit"/> (never lowered).</summary>
    public void Allow(long limit)
    {
        if (limit <= Volatile.Read(ref _limit)) return;
        Interlocked.Exchange(ref _limit, limit);
        WakeWorker();
    }

    /// <summary>
    /// The normals of step <paramref name="step"/> (the next one in order), complete; the consumer may overwrite them
    /// until <see cref="Release"/>. The step must be below the limit given to <see cref="Allow"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Steps out of order, more than two held, or the step not allowed.</exception>
    public Span<double> Acquire(long step)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (step != _nextAcquire || step - Volatile.Read(ref _released) >= 2 || step >= Volatile.Read(ref _limit))
            throw new InvalidOperationException($"normals of step {step} acquired out of order");
        _nextAcquire = step + 1;
        int slot = (int)(step % RingSteps);
        int done;
        while ((done = Volatile.Read(ref _done[slot])) < _chunksPerStep)
        {
            _fault?.Throw();
            if (TryClaim(out long chunk))
            {
                Draw(chunk);
                continue;
            }
            WaitForChunk(slot, done);
        }
        _fault?.Throw();
        return _ring.Row(slot);
    }

    /// <summary>Gives the buffer of step <paramref name="step"/> (the oldest held) back to the ring.</summary>
    public void Release(long step)
    {
        if (step != Volatile.Read(ref _released) || step >= _nextAcquire)
            throw new InvalidOperationException($"normals of step {step} released out of order");
        Volatile.Write(ref _done[(int)(step % RingSteps)], 0);
        Interlocked.Exchange(ref _released, step + 1);
        WakeWorker();
    }

    /// <summary>Stops and joins the worker (idempotent).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stopping = true;
        _workerWake.Set();
        _worker.Join();
        _workerWake.Dispose();
        _consumerWake.Dispose();
    }

    private void WakeWorker()
    {
        if (Volatile.Read(ref _workerWaiting) != 0) _workerWake.Set();
    }

    private bool CanClaim()
    {
        long step = Volatile.Read(ref _claimed) / _chunksPerStep;
        return step < Volatile.Read(ref _limit) && step < Volatile.Read(ref _released) + RingSteps;
    }

    private bool TryClaim(out long chunk)
    {
        while (true)
        {
            chunk = Volatile.Read(ref _claimed);
            long step = chunk / _chunksPerStep;
            if (step >= Volatile.Read(ref _limit) || step >= Volatile.Read(ref _released) + RingSteps) return false;
            if (Interlocked.CompareExchange(ref _claimed, chunk + 1, chunk) == chunk) return true;
        }
    }

    /// <summary>Draws one chunk into its step's slot and counts it done (the count publishes the values).</summary>
    private void Draw(long chunk)
    {
        long step = chunk / _chunksPerStep;
        int part = (int)(chunk - step * _chunksPerStep);
        int slot = (int)(step % RingSteps);
        int start = part * _chunkLength;
        int length = Math.Min(_chunkLength, _d - start);
        _normals.Fill(unchecked((ulong)step * (ulong)_d + (ulong)start), _ring.Row(slot).Slice(start, length));
        Interlocked.Increment(ref _done[slot]);
        if (Volatile.Read(ref _consumerWaiting) != 0) _consumerWake.Set();
    }

    /// <summary>
    /// Spins, then blocks until the count of done chunks of <paramref name="slot"/> differs from <paramref name="seen"/>
    /// (the count the caller found incomplete), a chunk can be claimed, or the worker failed.
    /// </summary>
    private void WaitForChunk(int slot, int seen)
    {
        var spinner = new SpinWait();
        for (int i = 0; i < SpinIterations; i++)
        {
            if (Volatile.Read(ref _done[slot]) != seen || _fault is not null || CanClaim()) return;
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        _consumerWake.Reset();
        Interlocked.Exchange(ref _consumerWaiting, 1);
        if (Volatile.Read(ref _done[slot]) == seen && _fault is null && !CanClaim()) _consumerWake.Wait();
        Volatile.Write(ref _consumerWaiting, 0);
    }

    private void WorkerLoop()
    {
        try
        {
            var spinner = new SpinWait();
            while (!_stopping)
            {
                if (TryClaim(out long chunk))
                {
                    Draw(chunk);
                    spinner.Reset();
                    continue;
                }
                if (spinner.Count < SpinIterations)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                _workerWake.Reset();
                Interlocked.Exchange(ref _workerWaiting, 1);
                if (!_stopping && !CanClaim()) _workerWake.Wait();
                Volatile.Write(ref _workerWaiting, 0);
                spinner.Reset();
            }
        }
        catch (Exception e)
        {
            _fault = ExceptionDispatchInfo.Capture(e);
            _consumerWake.Set();
        }
        finally
        {
            Interlocked.Decrement(ref s_liveWorkers);
        }
    }
}
