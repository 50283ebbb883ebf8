#include "FillsModel.h"

#include "CellFormat.h"

namespace vigil {

FillsModel::FillsModel(QObject *parent)
    : FillsTable([](const FillRow &row) -> std::uint64_t { return row.id; }, ColumnCount, parent)
{}

QVariant FillsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FillRow &row = rowAt(index);
    const int column = index.column();
    const bool sort = role == SortRole;
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case TimeColumn:
            return sort ? QVariant(static_cast<qulonglong>(row.id)) : QVariant(QString::fromStdString(row.clock));
        case SymbolColumn: return QString::fromStdString(row.symbol);
        case SideColumn:
            return QString::fromUtf8(toString(row.side).data(), static_cast<qsizetype>(toString(row.side).size()));
        case QuantityColumn:
            return sort ? QVariant(static_cast<qlonglong>(row.qty)) : QVariant(QString::number(row.qty));
        case PriceColumn:
            return sort ? QVariant(static_cast<qlonglong>(row.price.raw()))
                        : QVariant(QString::fromStdString(row.price.toString()));
        case FeeColumn:
            return sort ? QVariant(static_cast<qlonglong>(row.fee.raw())) : QVariant(cell::twoDecimals(row.fee));
        case StrategyColumn: return QString::fromStdString(row.strategy);
        case OrderColumn: return QString::fromStdString(row.clientOrderId);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (column == SideColumn)
            return row.side == Side::Buy ? QVariant(palette::profit()) : QVariant(palette::loss());
        return {};
    case Qt::ToolTipRole: return column == FeeColumn ? QVariant(cell::exact(row.fee)) : QVariant();
    case Qt::TextAlignmentRole:
        return column == QuantityColumn || column == PriceColumn || column == FeeColumn ? cell::numberAlignment()
                                                                                        : cell::textAlignment();
    default: return {};
    }
}

QVariant FillsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case SymbolColumn: return tr("Symbol");
    case SideColumn: return tr("Side");
    case QuantityColumn: return tr("Qty");
    case PriceColumn: return tr("Price");
    case FeeColumn: return tr("Fee");
    case StrategyColumn: return tr("Strategy");
    case OrderColumn: return tr("Client order id");
    default: return {};
    }
}

} // namespace vigil
