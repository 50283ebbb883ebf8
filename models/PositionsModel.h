#pragma once
// The open positions of the latest engine snapshot as a table. GUI thread only: feed it
// with applySnapshot() from the GUI thread's refresh; it applies the difference (rows
// inserted, removed or changed), never a reset unless the whole set of symbols changed.

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

using PositionsTable = KeyedTableModel<PositionRow, const std::string &>;

class PositionsModel final : public PositionsTable {
    Q_OBJECT

public:
    enum Column : int {
        SymbolColumn,
        QuantityColumn,
        AveragePriceColumn,
        MarkPriceColumn,
        MarketValueColumn,
        UnrealizedPnlColumn,
        RealizedPnlColumn,
        ColumnCount,
    };

    /// The raw value for sorting: the symbol as text, the quantity as whole shares,
    /// prices and money as fixed-point units (1/10000 of a dollar), all as qlonglong.
    static constexpr int SortRole = Qt::UserRole;

    explicit PositionsModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace vigil
