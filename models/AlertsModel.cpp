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
        case SeverityColumn: return cell::word(toString(row.severity)).toUpper();
        case SourceColumn: return QString::fromStdString(row.source);
        case MessageColumn: return QString::fromStdString(row.message);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (column != SeverityColumn)
            return {};
        return row.severity == AlertSeverity::Critical ? QVariant(palette::loss()) : QVariant(palette::warning());
    case Qt::ToolTipRole: return column == MessageColumn ? QVariant(QString::fromStdString(row.message)) : QVariant();
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
    default: return {};
    }
}

} // namespace vigil
