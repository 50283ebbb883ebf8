#pragma once
// The engine's working orders as a table, keyed by client order id. GUI thread only: feed
// it with applySnapshot() from the GUI thread's refresh; it applies the difference.

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

using OrdersTable = KeyedTableModel<OrderRow, const std::string &>;

class OrdersModel final : public OrdersTable {
    Q_OBJECT

public:
    enum Column : int {
        CreatedColumn,
        SymbolColumn,
        SideColumn,
        QuantityColumn,
        FilledColumn,
        PriceColumn, ///< the limit, or "market"
        StatusColumn,
        StrategyColumn,
        IdColumn,
        ColumnCount,
    };
    /// The raw value for sorting: text as text, quantities as qlonglong, prices in 1/10000.
    static constexpr int SortRole = Qt::UserRole;

    explicit OrdersModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace vigil
