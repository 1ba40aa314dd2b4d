// What a run must undo if it is stopped (SIGTERM from Kubernetes, Ctrl-C): temporary clones, the staged
// bundle, the cluster folder's lock, the Chromium profile, child processes. Each owner registers its own
// clean-up while the thing exists; the CLI, the only place that handles signals, runs them all and exits.
// No I/O here: the tasks are the owners' closures.

type AbortTask = () => Promise<unknown> | unknown;

const controller = new AbortController();
const tasks = new Set<AbortTask>();

/** Aborted when the run is stopped: give it to child processes (spawn `signal`, simple-git `abort`). */
export const runAbortSignal: AbortSignal = controller.signal;

/** Registers a clean-up for when the run is stopped; call the returned function once it is no longer needed. */
export function onRunAbort(task: AbortTask): () => void {
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}

/** Stops child processes, then runs every registered clean-up, newest first (each failure is ignored). */
export async function abortRun(reason: string): Promise<void> {
  controller.abort(reason);
  for (const task of [...tasks].reverse()) {
    tasks.delete(task);
    try {
      await task();
    } catch {
      // best effort: the other clean-ups still run
    }
  }
}
