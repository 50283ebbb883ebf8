#pragma once
// The strategies of the latest engine snapshot as a table, keyed by strategy name. GUI
// thread only: feed it with applySnapshot() from the GUI thread's refresh; it applies the
// difference (rows inserted, removed or changed), never a reset unless the whole set of
// names changed. An operator's bot (a [[bots]] entry trading through the gateway) is told
// apart by its key: setBotKeys() before applySnapshot().

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <string>
#include <vector>

namespace vigil {

using StrategiesTable = KeyedTableModel<StrategyRow, const std::string &>;

class StrategiesModel final : public StrategiesTable {
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

    /// The strategy keys that are operators' bots (the snapshot's bot rows); a change
    /// repaints the kind column.
    void setBotKeys(std::vector<std::string> keys);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool isBot(const StrategyRow &row) const;
    QString kind(const StrategyRow &row) const;

    std::vector<std::string> m_botKeys; ///< a handful: a linear search is the fastest
};

} // namespace vigil
