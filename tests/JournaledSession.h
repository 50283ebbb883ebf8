#pragma once
// A whole simulated session (seed 7, 2026-11-20) journaled in a data directory, with the
// paper broker's own file beside it: the data that backups and restores are tested on.

#include "api/Config.h"
#include "api/Engine.h"

#include <QString>
#include <QtGlobal>

namespace vigil::testing {

inline void journaledSession(const QString &dataDir)
{
    RunOptions o;
    o.seed = 7;
    o.sessionDate = Date{2026, 11, 20};
    Engine engine(defaultConfig(), o);
    std::string error = engine.openBroker((dataDir + QStringLiteral("/paper-broker.sqlite")).toStdString());
    if (error.empty())
        error = engine.openJournal((dataDir + QStringLiteral("/journal.sqlite")).toStdString());
    if (!error.empty())
        qFatal("cannot open the stores: %s", error.c_str());
    engine.start();
    engine.waitFinished();
}

} // namespace vigil::testing
