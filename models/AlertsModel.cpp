#include "AlertsModel.h"

#include "CellFormat.h"

namespace vigil {

AlertsModel::AlertsModel(QObject *parent)
    : AlertsTable([](const AlertRow &row) -> std::uint64_t { return row.id; }, ColumnCount, parent)
{}

int AlertsModel::criticalCount() const
{
    int n = 0;
    for (const AlertRow &row : rows())
        n += row.severity == AlertSeverity::Critical ? 1 : 0;
    return n;
}

int AlertsModel::unacknowledgedCriticalCount() const
{
    int n = 0;
    for (const AlertRow &row : rows())
        n += row.severity == AlertSeverity::Critical && !row.acknowledged() ? 1 : 0;
    return n;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertRow &row = rowAt(index);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case TimeColumn:
            return role == SortRole ? QVariant(static_cast<qulonglong>(row.id))
                                    : QVariant(QString::fromStdString(row.clock));
        case SeverityColumn:
            return role == SortRole ? QVariant(alertLevel(row.severity))
                                    : QVariant(QStringLiteral("L%1 ").arg(alertLevel(row.severity))
                                               + cell::word(toString(row.severity)).toUpper());
        case SourceColumn: return QString::fromStdString(row.source);
        case MessageColumn:
            // A condition that repeats is one row with its count, not a flood of rows.
            return row.count > 1 ? tr("%1 (%2 times, last %3)")
                                       .arg(QString::fromStdString(row.message))
                                       .arg(row.count)
                                       .arg(QString::fromStdString(row.lastClock))
                                 : QString::fromStdString(row.message);
        case AcknowledgedColumn:
            return row.acknowledged()                         ? QString::fromStdString(row.acknowledgedBy)
                   : row.severity == AlertSeverity::Recovered ? QString()
                                                              : tr("not yet");
        default: return {};
        }
    case IdRole: return QVariant(static_cast<qulonglong>(row.id));
    case AcknowledgedRole: return row.acknowledged();
    case Qt::ForegroundRole:
        if (column == AcknowledgedColumn && !row.acknowledged() && row.severity == AlertSeverity::Critical)
            return QVariant(palette::loss());
        if (column != SeverityColumn)
            return {};
        if (row.severity == AlertSeverity::Recovered)
            return QVariant(palette::profit());
        return row.severity == AlertSeverity::Critical ? QVariant(palette::loss()) : QVariant(palette::warning());
    case Qt::ToolTipRole:
        if (column == MessageColumn)
            return QString::fromStdString(row.message);
        if (column == AcknowledgedColumn && row.acknowledged())
            return QString::fromStdString(row.acknowledgement);
        return tr("Alert #%1; right-click to acknowledge it").arg(row.id);
    case Qt::TextAlignmentRole: return cell::textAlignment();
    default: return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case SeverityColumn: return tr("Severity");
    case SourceColumn: return tr("Source");
    case MessageColumn: return tr("Message");
    case AcknowledgedColumn: return tr("Acknowledged");
    default: return {};
    }
}

} // namespace vigil
