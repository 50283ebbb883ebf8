#pragma once
// vigil-bench startup: start-up time and memory with a journal of a million fills against
// an empty data directory.

namespace vigil::bench {

/// Builds both data directories under `directory`, times start-up in fresh processes
/// (this program's `startup-probe`), prints figures and one final JSON line.
int runStartupBench(const char *program, const char *directory, long fills);
/// One start-up on `dataDir`: prints "<milliseconds> <peak RSS in kB>". Exit code 0 on success.
int runStartupProbe(const char *dataDir);

} // namespace vigil::bench
