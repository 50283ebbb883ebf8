#pragma once
// vigil-bench kill: how long from an operator's halt to the moment no further order can
// leave, with an idle engine and with one working through a deep backlog, against the round
// trip of a command that changes nothing.

namespace vigil::bench {

/// Prints figures and one final JSON line; 0 on success.
int runKillBench();

} // namespace vigil::bench
