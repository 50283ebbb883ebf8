#pragma once
// The engine's latest alerts as a table, keyed by their number (oldest first; views sort
// newest first). GUI thread only: feed it with applySnapshot() from the GUI thread's
// refresh; new alerts are inserted, alerts that fell out of the snapshot's window removed.

#include "runtime/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

class AlertsModel final : public KeyedTableModel {
    Q_OBJECT

public:
    enum Column : int { TimeColumn, SeverityColumn, SourceColumn, MessageColumn, ColumnCount };

    /// The raw value for sorting: the alert's number for the time, text otherwise.
    static constexpr int SortRole = Qt::UserRole;

    explicit AlertsModel(QObject *parent = nullptr);

    void applySnapshot(const std::vector<AlertRow> &rows);
    const std::vector<AlertRow> &rows() const { return m_rows; }
    /// Critical alerts among the rows.
    int criticalCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<AlertRow> m_rows;
};

} // namespace vigil
