#pragma once
// vigil-bench report: the daily PDF of a day with 50,000 fills (read from the journal,
// chart, every page), against reading the same rows from the journal in the same run.

namespace vigil::bench {

/// Works in a scratch directory under `directory`; prints figures and one final JSON line.
/// Returns the process exit code.
int runReportBench(int argc, char **argv, const char *directory, long fills);

} // namespace vigil::bench
