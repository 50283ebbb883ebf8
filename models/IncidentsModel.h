#pragma once
// The incidents open and those signed off this session, as a table keyed by their number
// (oldest first; views sort newest first). GUI thread only: feed it with applySnapshot()
// from the GUI thread's refresh.

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <string>

namespace vigil {

using IncidentsTable = KeyedTableModel<IncidentRow, std::uint64_t>;

class IncidentsModel final : public IncidentsTable {
    Q_OBJECT

public:
    enum Column : int { IdColumn, OpenedColumn, LevelColumn, CauseColumn, TitleColumn, StateColumn, ColumnCount };

    /// The raw value for sorting: the number for the id and time, the level, text otherwise.
    static constexpr int SortRole = Qt::UserRole;
    /// The incident's number (any column).
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit IncidentsModel(QObject *parent = nullptr);

    /// Today's session date: an incident opened on another day shows its date too.
    void setSessionDate(std::string date) { m_today = std::move(date); }

    /// The incident numbered `id`, or null.
    const IncidentRow *find(std::uint64_t id) const;
    /// Open level-3 incidents: each holds a resume until it is signed off.
    int holdingResume() const;
    /// Incidents not yet signed off.
    int openCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::string m_today;
};

/// The cause as the console names it ("kill switch", "broker unreachable").
QString incidentCauseText(IncidentCause cause);
/// The analysis field as the runbook names it ("Root cause", "Preventive measures: immediate").
QString incidentFieldText(IncidentField field);

} // namespace vigil
