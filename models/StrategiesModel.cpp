#include "StrategiesModel.h"

#include "CellFormat.h"

#include <algorithm>
#include <utility>

namespace vigil {

StrategiesModel::StrategiesModel(QObject *parent)
    : StrategiesTable([](const StrategyRow &row) -> const std::string & { return row.name; }, ColumnCount, parent)
{}

void StrategiesModel::setBotKeys(std::vector<std::string> keys)
{
    if (keys == m_botKeys)
        return;
    m_botKeys = std::move(keys);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, KindColumn), index(rowCount() - 1, KindColumn));
}

bool StrategiesModel::isBot(const StrategyRow &row) const
{
    return std::find(m_botKeys.begin(), m_botKeys.end(), row.key) != m_botKeys.end();
}

QString StrategiesModel::kind(const StrategyRow &row) const
{
    // A bot's trading style is its own business; what the console knows is that it is an
    // operator's bot and whether it must be flat by the close.
    if (isBot(row))
        return row.intraday ? tr("bot, intraday") : tr("bot");
    return row.intraday ? tr("intraday") : tr("swing");
}

QVariant StrategiesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StrategyRow &row = rowAt(index);
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case NameColumn:
            // A stopped strategy says so where its name is read: it trades only once enabled.
            return role == Qt::DisplayRole && row.stopped ? tr("%1 · stopped").arg(QString::fromStdString(row.name))
                                                          : QString::fromStdString(row.name);
        case KindColumn: return kind(row);
        case OpenQuantityColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.openQty))
                                    : QVariant(QString::number(row.openQty));
        case RealizedPnlColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.realizedPnl.raw()))
                                    : QVariant(cell::twoDecimals(row.realizedPnl));
        case UnrealizedPnlColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.unrealizedPnl.raw()))
                                    : QVariant(cell::twoDecimals(row.unrealizedPnl));
        case OrdersColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.orders))
                                    : QVariant(QString::number(row.orders));
        case FillsColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.fills))
                                    : QVariant(QString::number(row.fills));
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return row.stopped
                       ? tr("Stopped (by the kill switch, the execution throttle or a flatten): it trades again "
                            "only once an operator enables it")
                       : QVariant();
        case KindColumn:
            if (isBot(row))
                return row.intraday ? tr("An operator's bot trading through the gateway; must be flat by the close")
                                    : tr("An operator's bot trading through the gateway; may hold positions overnight");
            return row.intraday ? tr("Must be flat by the close") : tr("May hold positions overnight");
        case RealizedPnlColumn: return cell::exact(row.realizedPnl);
        case UnrealizedPnlColumn: return cell::exact(row.unrealizedPnl);
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return column == NameColumn || column == KindColumn ? cell::textAlignment() : cell::numberAlignment();
    case Qt::ForegroundRole:
        switch (column) {
        case NameColumn: return row.stopped ? QVariant(palette::warning()) : QVariant();
        case RealizedPnlColumn: return cell::signColour(row.realizedPnl.raw());
        case UnrealizedPnlColumn: return cell::signColour(row.unrealizedPnl.raw());
        default: return {};
        }
    default: return {};
    }
}

QVariant StrategiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn || section == KindColumn ? cell::textAlignment() : cell::numberAlignment();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case KindColumn: return tr("Kind");
    case OpenQuantityColumn: return tr("Open qty");
    case RealizedPnlColumn: return tr("Realized");
    case UnrealizedPnlColumn: return tr("Unrealized");
    case OrdersColumn: return tr("Orders");
    case FillsColumn: return tr("Fills");
    default: return {};
    }
}

} // namespace vigil
