#pragma once
// Making the run's venue (headless or console) before its engine: the simulator, or a real
// broker that connects, checks its keys and reads the day's calendar first, which can fail
// for reasons the operator must read (no keys, keys refused, Alpaca unreachable, not a
// trading day). Main thread.

#include "api/Assembly.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QString>

#include <memory>

namespace vigil {

/// The venue `config` names for the run `options` describes, in `out`. False, with the
/// reason printed, when it cannot be made; `problem` (if given) gets the same sentence for a
/// dialog.
bool startVenue(const Config &config, const RunOptions &options, std::unique_ptr<Venue> &out,
                QString *problem = nullptr);

} // namespace vigil
