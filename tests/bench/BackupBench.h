#pragma once
// vigil-bench backup: a backup of a journal of N fills while a thread keeps committing
// fills, against `cp` of the same files in the same run; the writer's commit latency
// with and without a backup running; and the restore of that backup.

namespace vigil::bench {

/// Works in a scratch directory under `directory` (the volume measured); prints figures
/// and one final JSON line. Returns the process exit code.
int runBackupBench(const char *directory, long fills);

} // namespace vigil::bench
