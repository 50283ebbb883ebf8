#pragma once
// The engine's latest alerts as a table, keyed by their number (oldest first; views sort
// newest first). GUI thread only: feed it with applySnapshot() from the GUI thread's
// refresh; new alerts are inserted, alerts that fell out of the snapshot's window removed.

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

using AlertsTable = KeyedTableModel<AlertRow, std::uint64_t>;

class AlertsModel final : public AlertsTable {
    Q_OBJECT

public:
    enum Column : int { TimeColumn, SeverityColumn, SourceColumn, MessageColumn, AcknowledgedColumn, ColumnCount };

    /// The raw value for sorting: the alert's number for the time, text otherwise.
    static constexpr int SortRole = Qt::UserRole;
    /// The alert's number (any column), for acknowledging it.
    static constexpr int IdRole = Qt::UserRole + 1;
    /// Whether someone has acknowledged it (any column).
    static constexpr int AcknowledgedRole = Qt::UserRole + 2;

    explicit AlertsModel(QObject *parent = nullptr);

    /// Critical alerts among the rows.
    int criticalCount() const;
    /// Critical alerts nobody has acknowledged yet.
    int unacknowledgedCriticalCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace vigil
