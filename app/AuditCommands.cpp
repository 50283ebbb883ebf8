#include "AuditCommands.h"

#include "api/AuditAnchor.h"
#include "api/BackupAnchors.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace vigil {

namespace {

struct AuditText {
    Q_DECLARE_TR_FUNCTIONS(AuditCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

QString named(const AuditAnchor &a)
{
    if (!a.problem.isEmpty())
        return a.source;
    return a.id > 0 ? QStringLiteral("%1 (%2)").arg(a.source, formatAuditAnchor(a.id, a.hash))
                    : QStringLiteral("%1 (%2)").arg(a.source, QString::fromLatin1(a.hash.toHex()));
}

QJsonObject toJson(const QString &path, const AuditCheck &check, const QStringList &notChecked)
{
    QJsonArray anchors;
    for (const AnchorOutcome &o : check.anchors)
        anchors.append(QJsonObject{{QStringLiteral("source"), o.anchor.source},
                                   {QStringLiteral("id"), static_cast<qint64>(o.anchor.id)},
                                   {QStringLiteral("hash"), QString::fromLatin1(o.anchor.hash.toHex())},
                                   {QStringLiteral("holds"), o.holds},
                                   {QStringLiteral("rewound_by"), o.anchor.rewoundBy},
                                   {QStringLiteral("outcome"), o.outcome}});
    return QJsonObject{
        {QStringLiteral("journal"), path},
        {QStringLiteral("holds"), check.ok()},
        {QStringLiteral("records"), static_cast<qint64>(check.records)},
        {QStringLiteral("head"), check.headId > 0 ? formatAuditAnchor(check.headId, check.headHash) : QString()},
        {QStringLiteral("broken_at"), static_cast<qint64>(check.firstBroken)},
        {QStringLiteral("problem"), check.problem},
        {QStringLiteral("findings"), QJsonArray::fromStringList(check.findings)},
        {QStringLiteral("covered_rows"), static_cast<qint64>(check.coveredRows)},
        {QStringLiteral("rows_before_audit"), static_cast<qint64>(check.rowsBeforeAudit)},
        {QStringLiteral("orders_checked"), static_cast<qint64>(check.ordersChecked)},
        {QStringLiteral("anchors"), anchors},
        {QStringLiteral("not_checked"), QJsonArray::fromStringList(notChecked)}};
}

} // namespace

int verifyAuditCommand(const CommandLine &cl, const QString &dataDir, const QString &backupsDir)
{
    const QString path = dataDir + QStringLiteral("/journal.sqlite");
    // Every anchor is read before the journal: the journal can only have grown since.
    std::vector<AuditAnchor> anchors;
    for (const QString &file : auditAnchorFiles(path))
        anchors.push_back(readAnchorFile(file));
    // A restore rewinds the chain on purpose: the anchors of the journal it replaced are
    // still checked, but not holding them is the restore's doing, and is said to be.
    QDateTime restoredAt;
    for (const auto &[file, at] : restoredAnchorFiles(path)) {
        AuditAnchor a = readAnchorFile(file);
        a.rewoundBy = QStringLiteral("the restore at %1").arg(isoUtc(at));
        anchors.push_back(std::move(a));
        restoredAt = at;
    }
    QStringList notChecked;
    for (AuditAnchor &a : backupAuditAnchors(backupsDir, dataDir, notChecked, restoredAt))
        anchors.push_back(std::move(a));
    for (AuditAnchor a : cl.auditAnchors) {
        a.source = QStringLiteral("--anchor");
        anchors.push_back(std::move(a));
    }
    const AuditCheck check = verifyAudit(path, anchors);

    if (cl.json) {
        std::fputs(QJsonDocument(toJson(path, check, notChecked)).toJson(QJsonDocument::Indented).constData(), stdout);
        return check.ok() ? 0 : 1;
    }
    if (!check.problem.isEmpty()) {
        printErr(check.problem);
        if (check.firstBroken > 0)
            printErr(AuditText::tr("%1: the audit trail is broken at record %2 (%3 record(s) before it hold)")
                         .arg(path)
                         .arg(check.firstBroken)
                         .arg(check.records));
    }
    for (const QString &finding : check.findings)
        printErr(QStringLiteral("%1: %2").arg(path, finding));
    if (check.problem.isEmpty()) {
        printOut(AuditText::tr("%1: %2 audit records, each chained to the one before; the last is %3")
                     .arg(path)
                     .arg(check.records)
                     .arg(check.headId > 0 ? formatAuditAnchor(check.headId, check.headHash) : AuditText::tr("none")));
        printOut(AuditText::tr("  %1 order events and fills, in audit records' ranges; %2 orders' state compared "
                               "with their last order event")
                     .arg(check.coveredRows)
                     .arg(check.ordersChecked));
        if (check.rowsBeforeAudit > 0)
            printOut(AuditText::tr("  %1 order events and fills were written before the audit trail existed (schema "
                                   "version < 3): no record covers them")
                         .arg(check.rowsBeforeAudit));
    }
    if (check.anchors.empty()) {
        printOut(AuditText::tr("  no anchor found: nothing proves the chain was not cut short at its end (check it "
                               "against a head kept elsewhere with --anchor ID:HASH)"));
    } else {
        printOut(AuditText::tr("  anchors checked: %1").arg(check.anchors.size()));
        for (const AnchorOutcome &o : check.anchors)
            (o.fine() ? printOut : printErr)(QStringLiteral("    %1: %2").arg(named(o.anchor), o.outcome));
    }
    for (const QString &note : notChecked)
        printOut(QStringLiteral("    %1").arg(note));
    if (!check.ok()) {
        printErr(AuditText::tr("%1: the audit trail does NOT hold").arg(path));
        return 1;
    }
    printOut(AuditText::tr("%1: the audit trail holds").arg(path));
    return 0;
}

} // namespace vigil
