#pragma once
// Reading incidents on a connection the caller already holds, so that the daily report
// reads them in its own read transaction (one moment of the file). Call on the thread that
// opened `db`.

#include "api/IncidentFile.h"

#include <QSqlDatabase>
#include <QString>

#include <string>
#include <vector>

namespace vigil {

/// The incidents of the session dates `fromDate` to `toDate` (empty: no bound), oldest
/// first. A journal older than schema 8 has none. `journal` names the file in errors.
QString readIncidentRows(QSqlDatabase &db, const QString &journal, const std::string &fromDate,
                         const std::string &toDate, std::vector<IncidentRecord> &out);

} // namespace vigil
