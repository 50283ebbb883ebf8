#include "PositionsModel.h"

#include "CellFormat.h"

namespace vigil {

PositionsModel::PositionsModel(QObject *parent)
    : PositionsTable([](const PositionRow &row) -> const std::string & { return row.symbol; }, ColumnCount, parent)
{}

QVariant PositionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PositionRow &row = rowAt(index);
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SymbolColumn: return QString::fromStdString(row.symbol);
        case QuantityColumn: return QString::number(row.qty);
        case AveragePriceColumn: return cell::twoDecimals(row.avgPrice);
        case MarkPriceColumn: return cell::twoDecimals(row.markPrice);
        case MarketValueColumn: return cell::twoDecimals(row.marketValue);
        case UnrealizedPnlColumn: return cell::twoDecimals(row.unrealizedPnl);
        case RealizedPnlColumn: return cell::twoDecimals(row.realizedPnl);
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (column) {
        case AveragePriceColumn: return cell::exact(row.avgPrice);
        case MarkPriceColumn: return cell::exact(row.markPrice);
        case MarketValueColumn: return cell::exact(row.marketValue);
        case UnrealizedPnlColumn: return cell::exact(row.unrealizedPnl);
        case RealizedPnlColumn: return cell::exact(row.realizedPnl);
        default: return {};
        }
    case SortRole:
        switch (column) {
        case SymbolColumn: return QString::fromStdString(row.symbol);
        case QuantityColumn: return static_cast<qlonglong>(row.qty);
        case AveragePriceColumn: return static_cast<qlonglong>(row.avgPrice.raw());
        case MarkPriceColumn: return static_cast<qlonglong>(row.markPrice.raw());
        case MarketValueColumn: return static_cast<qlonglong>(row.marketValue.raw());
        case UnrealizedPnlColumn: return static_cast<qlonglong>(row.unrealizedPnl.raw());
        case RealizedPnlColumn: return static_cast<qlonglong>(row.realizedPnl.raw());
        default: return {};
        }
    case Qt::TextAlignmentRole: return column == SymbolColumn ? cell::textAlignment() : cell::numberAlignment();
    case Qt::ForegroundRole:
        switch (column) {
        case UnrealizedPnlColumn: return cell::signColour(row.unrealizedPnl.raw());
        case RealizedPnlColumn: return cell::signColour(row.realizedPnl.raw());
        default: return {};
        }
    default: return {};
    }
}

QVariant PositionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return section == SymbolColumn ? cell::textAlignment() : cell::numberAlignment();
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SymbolColumn: return tr("Symbol");
    case QuantityColumn: return tr("Qty");
    case AveragePriceColumn: return tr("Avg price");
    case MarkPriceColumn: return tr("Mark");
    case MarketValueColumn: return tr("Market value");
    case UnrealizedPnlColumn: return tr("Unrealized P&L");
    case RealizedPnlColumn: return tr("Realized P&L");
    default: return {};
    }
}

} // namespace vigil
