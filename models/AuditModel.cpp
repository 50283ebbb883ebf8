#include "AuditModel.h"

#include "CellFormat.h"

#include <QDateTime>
#include <QTimeZone>

namespace vigil {

namespace {

const QTimeZone &newYork()
{
    static const QTimeZone zone("America/New_York");
    return zone;
}

/// "2026-12-01 10:09:26" New York time of an engine time (ns since the epoch).
QString newYorkTime(std::int64_t ns, const char *format = "yyyy-MM-dd HH:mm:ss")
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, newYork()).toString(QLatin1String(format));
}

QString text(const std::string &s) { return QString::fromStdString(s); }

} // namespace

AuditModel::AuditModel(QObject *parent)
    : AuditTable([](const AuditRow &row) -> std::int64_t { return row.id; }, ColumnCount, parent)
{}

void AuditModel::apply(const std::shared_ptr<const AuditTrail> &trail)
{
    if (trail == m_trail)
        return;
    m_trail = trail;
    refill();
}

void AuditModel::setShowTradeRecords(bool show)
{
    if (show == m_showTrades)
        return;
    m_showTrades = show;
    refill();
}

void AuditModel::refill()
{
    std::vector<AuditRow> rows;
    if (m_trail) {
        rows.reserve(m_trail->rows.size());
        for (const AuditRow &row : m_trail->rows) {
            if (m_showTrades || !row.coversTrades)
                rows.push_back(row);
        }
    }
    applySnapshot(rows);
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRow &row = rowAt(index);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case NumberColumn:
        case TimeColumn:
            if (role == SortRole)
                return static_cast<qlonglong>(row.id);
            return column == NumberColumn ? QVariant(QString::number(row.id)) : QVariant(newYorkTime(row.at));
        case ActorColumn: return text(row.actor);
        case ActionColumn: return text(row.action);
        case DetailColumn: return text(row.detail);
        case HashColumn: return text(row.hash).left(kHashDigits);
        default: return {};
        }
    case Qt::ToolTipRole:
        return tr("Record %1 · %2 New York (engine time)\nRecorded %3 UTC (wall clock)\n%4 %5: %6\nSHA-256 %7")
            .arg(row.id)
            .arg(newYorkTime(row.at, "yyyy-MM-dd HH:mm:ss.zzz"),
                 QDateTime::fromMSecsSinceEpoch(row.wallAtMs, QTimeZone::utc())
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                 text(row.actor), text(row.action), text(row.detail), text(row.hash));
    case Qt::ForegroundRole:
        return column == HashColumn || row.coversTrades ? QVariant(palette::mutedText()) : QVariant();
    case Qt::TextAlignmentRole: return column == NumberColumn ? cell::numberAlignment() : cell::textAlignment();
    default: return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn: return tr("#");
    case TimeColumn: return tr("Time (New York)");
    case ActorColumn: return tr("Who");
    case ActionColumn: return tr("Action");
    case DetailColumn: return tr("Detail");
    case HashColumn: return tr("Hash");
    default: return {};
    }
}

} // namespace vigil
