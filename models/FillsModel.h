#pragma once
// The engine's latest fills as a table, keyed by their number (oldest first; views sort
// newest first). GUI thread only: feed it with applySnapshot() from the GUI thread's
// refresh; new fills are inserted, fills that fell out of the snapshot's window removed.

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

using FillsTable = KeyedTableModel<FillRow, std::uint64_t>;

class FillsModel final : public FillsTable {
    Q_OBJECT

public:
    enum Column : int {
        TimeColumn,
        SymbolColumn,
        SideColumn,
        QuantityColumn,
        PriceColumn,
        FeeColumn,
        StrategyColumn,
        OrderColumn,
        ColumnCount,
    };
    /// The raw value for sorting: the fill's number for the time, quantities as qlonglong,
    /// money and prices in 1/10000, text as text.
    static constexpr int SortRole = Qt::UserRole;

    explicit FillsModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace vigil
