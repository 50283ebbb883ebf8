#pragma once
// Every risk limit of the latest engine snapshot with its current usage, keyed by the
// limit's name. GUI thread only: feed it with applySnapshot() from the GUI thread's
// refresh; it applies the difference (rows inserted, removed or changed).

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

using LimitsTable = KeyedTableModel<LimitUsage, const std::string &>;

class LimitsModel final : public LimitsTable {
    Q_OBJECT

public:
    enum Column : int {
        NameColumn,
        ValueColumn,
        LimitColumn,
        UsedColumn,     ///< the value as a percentage of the limit
        DistanceColumn, ///< what is left before the limit
        StatusColumn,   ///< OK, WARNING or BREACH; "kill" when breaching fires the kill switch
        ColumnCount,
    };

    /// The raw value for sorting: text as text, the usage as a double.
    static constexpr int SortRole = Qt::UserRole;

    explicit LimitsModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace vigil
