#pragma once
// vigil-bench journal: the journal writer against raw SQLite and raw fdatasync.

namespace vigil::bench {

/// Runs both measurements in a scratch directory under `directory` (the volume measured);
/// prints figures and one final JSON line. Returns the process exit code.
int runJournalBench(const char *directory);

} // namespace vigil::bench
