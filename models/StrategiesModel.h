#pragma once
// The strategies of the latest engine snapshot as a table, keyed by strategy name. GUI
// thread only: feed it with applySnapshot() from the GUI thread's refresh; it applies the
// difference (rows inserted, removed or changed), never a reset unless the whole set of
// names changed.

#include "runtime/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

class StrategiesModel final : public KeyedTableModel {
    Q_OBJECT

public:
    enum Column : int {
        NameColumn,
        KindColumn,
        OpenQuantityColumn,
        RealizedPnlColumn,
        UnrealizedPnlColumn,
        OrdersColumn,
        FillsColumn,
        ColumnCount,
    };

    /// The raw value for sorting: name and kind as text, quantities and counts as
    /// qlonglong, money as fixed-point units (1/10000 of a dollar) as qlonglong.
    static constexpr int SortRole = Qt::UserRole;

    explicit StrategiesModel(QObject *parent = nullptr);

    /// Any order; the model keeps its rows sorted by name.
    void applySnapshot(const std::vector<StrategyRow> &rows);
    const std::vector<StrategyRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<StrategyRow> m_rows;
};

} // namespace vigil
