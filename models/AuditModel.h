#pragma once
// The newest records of the audit trail as a table, keyed by their number in the chain
// (oldest first; views sort newest first). GUI thread only: feed it with apply() from the
// GUI thread's refresh. The records that cover orders and fills (one per journal commit)
// are left out unless asked for, so the operators' actions, state changes and alerts stay
// in view.

#include "api/AuditTrail.h"

#include "KeyedTableModel.h"

#include <vector>

namespace vigil {

using AuditTable = KeyedTableModel<AuditRow, std::int64_t>;

class AuditModel final : public AuditTable {
    Q_OBJECT

public:
    enum Column : int { NumberColumn, TimeColumn, ActorColumn, ActionColumn, DetailColumn, HashColumn, ColumnCount };
    /// The raw value for sorting: the record's number for the number and the time, text otherwise.
    static constexpr int SortRole = Qt::UserRole;
    /// How many hex digits of the hash the table shows (the tool tip has all of them).
    static constexpr int kHashDigits = 8;

    explicit AuditModel(QObject *parent = nullptr);

    /// Brings the table to `trail` (null: no journal, an empty table).
    void apply(const std::shared_ptr<const AuditTrail> &trail);
    /// Whether the records covering orders and fills are shown (off at first).
    void setShowTradeRecords(bool show);
    bool showsTradeRecords() const { return m_showTrades; }

    /// The trail last applied (may be null).
    const std::shared_ptr<const AuditTrail> &trail() const { return m_trail; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refill();

    std::shared_ptr<const AuditTrail> m_trail;
    bool m_showTrades = false;
};

} // namespace vigil
