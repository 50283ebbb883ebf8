#pragma once
// vigil-bench recon: a reconciliation of 5,000 positions and 20,000 working orders (the
// paper broker's statement read from its file, then the comparison), against loading the
// same number of rows from the journal in the same run.

namespace vigil::bench {

/// Works in a scratch directory under `directory`; prints figures and one final JSON line.
/// Returns the process exit code.
int runReconBench(const char *directory);

} // namespace vigil::bench
