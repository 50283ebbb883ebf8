#pragma once
// vigil-bench gui: how much the console's GUI thread stalls while the engine runs as fast
// as it can, and how often the dashboard refreshes, at one and at two engines' load.

namespace vigil::bench {

/// Needs no display (offscreen when none is set). Prints figures and one final JSON line.
int runGuiBench(int argc, char **argv);

} // namespace vigil::bench
