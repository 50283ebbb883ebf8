#pragma once
// The reconciliation's differences (keyed by the difference's key) and this session's runs
// (keyed by their number), as tables. GUI thread only: feed them with applySnapshot() from
// the GUI thread's refresh.

#include "api/Snapshot.h"

#include "KeyedTableModel.h"

#include <string>

namespace vigil {

using DifferencesTable = KeyedTableModel<ReconciliationDifferenceRow, std::string>;

class DifferencesModel final : public DifferencesTable {
    Q_OBJECT

public:
    enum Column : int {
        KeyColumn,
        KindColumn,
        HereColumn,
        BrokerColumn,
        HereAvgColumn,
        BrokerAvgColumn,
        StatusColumn,
        ResolutionColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    explicit DifferencesModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// The row behind a row number of this model (unsorted).
    const ReconciliationDifferenceRow &row(int number) const { return rows()[static_cast<std::size_t>(number)]; }
};

using RunsTable = KeyedTableModel<ReconciliationRunRow, std::uint64_t>;

class ReconciliationRunsModel final : public RunsTable {
    Q_OBJECT

public:
    enum Column : int {
        NumberColumn,
        TimeColumn,
        StartedByColumn,
        ActorColumn,
        ResultColumn,
        SummaryColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    explicit ReconciliationRunsModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace vigil
