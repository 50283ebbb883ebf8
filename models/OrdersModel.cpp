#include "OrdersModel.h"

#include "CellFormat.h"

namespace vigil {

OrdersModel::OrdersModel(QObject *parent)
    : OrdersTable([](const OrderRow &row) -> const std::string & { return row.clientOrderId; }, ColumnCount, parent)
{}

QVariant OrdersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderRow &row = rowAt(index);
    const int column = index.column();
    const bool sort = role == SortRole;
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case CreatedColumn: return QString::fromStdString(row.created);
        case SymbolColumn: return QString::fromStdString(row.symbol);
        case SideColumn:
            return QString::fromUtf8(toString(row.side).data(), static_cast<qsizetype>(toString(row.side).size()));
        case QuantityColumn:
            return sort ? QVariant(static_cast<qlonglong>(row.qty)) : QVariant(QString::number(row.qty));
        case FilledColumn:
            return sort ? QVariant(static_cast<qlonglong>(row.filledQty)) : QVariant(QString::number(row.filledQty));
        case PriceColumn:
            if (row.type != OrderType::Limit)
                return sort ? QVariant(qlonglong(0)) : QVariant(tr("market"));
            return sort ? QVariant(static_cast<qlonglong>(row.limitPrice.raw()))
                        : QVariant(QString::fromStdString(row.limitPrice.toString()));
        case StatusColumn: return cell::word(toString(row.status));
        case StrategyColumn: return QString::fromStdString(row.strategy);
        case IdColumn: return QString::fromStdString(row.clientOrderId);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (column == SideColumn)
            return row.side == Side::Buy ? QVariant(palette::profit()) : QVariant(palette::loss());
        return {};
    case Qt::TextAlignmentRole:
        return column == QuantityColumn || column == FilledColumn || column == PriceColumn ? cell::numberAlignment()
                                                                                           : cell::textAlignment();
    default: return {};
    }
}

QVariant OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CreatedColumn: return tr("Created");
    case SymbolColumn: return tr("Symbol");
    case SideColumn: return tr("Side");
    case QuantityColumn: return tr("Qty");
    case FilledColumn: return tr("Filled");
    case PriceColumn: return tr("Limit");
    case StatusColumn: return tr("Status");
    case StrategyColumn: return tr("Strategy");
    case IdColumn: return tr("Client order id");
    default: return {};
    }
}

} // namespace vigil
