#pragma once
// One incident's root-cause analysis record as a PDF, laid out as the daily report is
// (ui/ReportPdf: A4 in points, the same fonts, running header, "page N of M"), with the
// same sections as incidentMarkdown(). Written through QSaveFile, so the file at the
// target path is either the old one or the whole new record.
//
// Threads: any thread (nothing here is a widget); needs a QGuiApplication for the fonts.

#include "api/IncidentFile.h"

#include <QDateTime>
#include <QString>

namespace vigil {

struct IncidentPdfOptions {
    QString appVersion;
    QDateTime generatedAt; ///< UTC
};

struct IncidentPdfResult {
    QString error; ///< empty on success
    int pages = 0;
    bool ok() const { return error.isEmpty(); }
};

/// Writes `report` to `file` (its folder is made if missing).
IncidentPdfResult writeIncidentPdf(const IncidentReport &report, const QString &file,
                                   const IncidentPdfOptions &options);

} // namespace vigil
