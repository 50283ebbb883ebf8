#pragma once
// The paper broker's statement read from its own file, as a real broker's would come from
// its API (positions, open orders). Read-only; any thread but the engine's.

#include "recon/Reconciliation.h"

#include <QString>

namespace vigil {

/// Positions and open orders in the paper broker's file at `path`. A file that cannot be
/// opened or read answers nothing (the statement says why): never an empty, flat book.
BrokerStatement paperBrokerStatement(const QString &path);

} // namespace vigil
