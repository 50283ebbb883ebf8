#pragma once
// Every risk limit of the latest engine snapshot with its current usage, keyed by the
// limit's name. GUI thread only: feed it with applySnapshot() from the GUI thread's
// refresh; it applies the difference (rows inserted, removed or changed).

#include "runtime/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

class LimitsModel final : public KeyedTableModel {
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

    void applySnapshot(const std::vector<LimitUsage> &rows);
    const std::vector<LimitUsage> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<LimitUsage> m_rows;
};

} // namespace vigil
