#pragma once
// Starting the Alpaca-compatible gateway for a run (headless or console), before its engine
// is built: the engine takes the bots' sources from it. Main thread.

#include "api/Config.h"
#include "api/Gateway.h"

#include <QString>

#include <memory>

namespace vigil {

/// The gateway `config` asks for, listening, in `out` (null when `[gateway] enabled` is
/// false). False, with the reason printed, when it cannot listen; `problem` (if given) gets
/// the same sentence for a dialog.
bool startGateway(const Config &config, const QString &dataDir, std::unique_ptr<Gateway> &out,
                  QString *problem = nullptr);

} // namespace vigil
