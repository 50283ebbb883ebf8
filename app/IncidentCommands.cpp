#include "IncidentCommands.h"

#include "IncidentPdf.h"
#include "api/IncidentFile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

namespace vigil {

namespace {

struct IncidentText {
    Q_DECLARE_TR_FUNCTIONS(IncidentCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

QString q(const std::string &s) { return QString::fromStdString(s); }

QString journalOf(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("journal.sqlite")); }

QString wallText(std::int64_t ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

QJsonObject toJson(const IncidentRecord &i)
{
    QJsonObject o{{QStringLiteral("id"), QString::number(i.id)},
                  {QStringLiteral("session_date"), q(i.sessionDate)},
                  {QStringLiteral("opened_at"), q(incidentClock(i, i.at))},
                  {QStringLiteral("opened_wall"), wallText(i.wallMs)},
                  {QStringLiteral("cause"), q(std::string(toString(i.cause)))},
                  {QStringLiteral("level"), i.level},
                  {QStringLiteral("title"), q(i.title)},
                  {QStringLiteral("opened_by"), q(i.openedBy)},
                  {QStringLiteral("open"), !i.signedOff()}};
    if (i.alert)
        o[QStringLiteral("alert")] = QString::number(*i.alert);
    if (i.signedOff()) {
        o[QStringLiteral("signed_off_by")] = q(i.signedOffBy);
        o[QStringLiteral("signed_off_at")] = q(incidentClock(i, i.signedOffAt));
        o[QStringLiteral("signed_off_wall")] = wallText(i.signedOffWallMs);
    }
    return o;
}

int list(const CommandLine &cl, const QString &dataDir)
{
    std::vector<IncidentRecord> incidents;
    const QString error =
        readIncidents(journalOf(dataDir), cl.incidentFrom.toStdString(), cl.incidentTo.toStdString(), incidents);
    if (!error.isEmpty()) {
        printErr(QStringLiteral("vigil incident list: ") + error);
        return 1;
    }
    if (cl.json) {
        QJsonArray rows;
        for (const IncidentRecord &i : incidents)
            rows.append(toJson(i));
        std::fputs(
            QJsonDocument(QJsonObject{{QStringLiteral("incidents"), rows}}).toJson(QJsonDocument::Indented).constData(),
            stdout);
        return 0;
    }
    if (incidents.empty())
        printErr(IncidentText::tr("no incidents in %1").arg(journalOf(dataDir)));
    // Ids as the journal gives them (sequence numbers): the widest sets the column.
    int width = 0;
    for (const IncidentRecord &i : incidents)
        width = std::max(width, static_cast<int>(QString::number(i.id).size()) + 1);
    for (const IncidentRecord &i : incidents)
        printOut(QStringLiteral("%1  %2  %3  %4  L%5  %6  %7")
                     .arg(QStringLiteral("#%1").arg(i.id), -width)
                     .arg(q(i.sessionDate), q(incidentClock(i, i.at)))
                     .arg(q(std::string(toString(i.cause))), -14)
                     .arg(i.level)
                     .arg(q(incidentStateText(i)), q(i.title)));
    return 0;
}

int show(const CommandLine &cl, const QString &dataDir)
{
    IncidentReport report;
    if (const QString error = loadIncidentReport(journalOf(dataDir), cl.incident, report); !error.isEmpty()) {
        printErr(QStringLiteral("vigil incident show: ") + error);
        return 1;
    }
    std::fputs(incidentMarkdown(report).c_str(), stdout);
    return 0;
}

/// The Markdown through QSaveFile, as the PDF is written: all of it or nothing.
QString writeMarkdown(const IncidentReport &report, const QString &file)
{
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return IncidentText::tr("cannot create the directory %1").arg(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    const std::string text = incidentMarkdown(report);
    if (!out.open(QIODevice::WriteOnly)
        || out.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !out.commit())
        return IncidentText::tr("cannot write %1: %2").arg(file, out.errorString());
    return {};
}

int exportIncident(const CommandLine &cl, const QString &dataDir)
{
    IncidentReport report;
    if (const QString error = loadIncidentReport(journalOf(dataDir), cl.incident, report); !error.isEmpty()) {
        printErr(QStringLiteral("vigil incident export: ") + error);
        return 1;
    }
    const QString out =
        cl.incidentOut.isEmpty() ? incidentExportPath(dataDir, cl.incident, cl.incidentFormat) : cl.incidentOut;
    QString error;
    if (cl.incidentFormat == QLatin1String("md")) {
        error = writeMarkdown(report, out);
    } else {
        IncidentPdfOptions options;
        options.appVersion = QStringLiteral(VIGIL_VERSION);
        options.generatedAt = QDateTime::currentDateTimeUtc();
        const IncidentPdfResult written = writeIncidentPdf(report, out, options);
        error = written.error;
        if (error.isEmpty())
            printErr(IncidentText::tr("incident #%1: %n page(s)", nullptr, written.pages).arg(cl.incident));
    }
    if (!error.isEmpty()) {
        printErr(QStringLiteral("vigil incident export: ") + error);
        printErr(IncidentText::tr("vigil incident export: nothing was written"));
        return 1;
    }
    printOut(QDir::cleanPath(QFileInfo(out).absoluteFilePath()));
    return 0;
}

} // namespace

int incidentCommand(const CommandLine &cl, const QString &dataDir)
{
    switch (cl.mode) {
    case Mode::ListIncidents: return list(cl, dataDir);
    case Mode::ShowIncident: return show(cl, dataDir);
    default: return exportIncident(cl, dataDir);
    }
}

} // namespace vigil
