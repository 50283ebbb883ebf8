#pragma once
// The headless run's JSON summary. Thread safe (pure functions).
// Deterministic: only simulated facts go in (no wall-clock figures), keys sorted, money as
// exact decimal strings, so two runs with the same seed give byte-identical files.

#include "api/Engine.h"

#include <QByteArray>
#include <QString>

namespace vigil {

QByteArray summaryJson(const RunResult &result);
/// Writes atomically (QSaveFile). Returns an empty string or the reason it failed.
QString writeSummary(const RunResult &result, const QString &path);

} // namespace vigil
