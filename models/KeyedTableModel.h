#pragma once
// What every snapshot-fed table shares: its rows, kept sorted by a unique key and updated
// by difference (RowDifference.h), with the model notifications wired once here, and the
// flat table's row and column counts. A model adds its columns: data() and headerData().
// GUI thread only: feed it with applySnapshot() from the GUI thread's refresh.

#include "RowDifference.h"

#include <QAbstractTableModel>

#include <vector>

namespace vigil {

template<typename Row, typename Key> class KeyedTableModel : public QAbstractTableModel {
public:
    using KeyOf = Key (*)(const Row &);

    /// `keyOf(row)` gives a row's unique key, `columns` the table's width.
    KeyedTableModel(KeyOf keyOf, int columns, QObject *parent)
        : QAbstractTableModel(parent)
        , m_keyOf(keyOf)
        , m_columns(columns)
    {}

    /// Brings the table to `incoming` (any order), telling views only what changed: rows
    /// inserted, removed or changed (compared with ==), a reset only when no key is shared.
    void applySnapshot(const std::vector<Row> &incoming)
    {
        RowDifferenceHooks hooks;
        hooks.beginInsertRows = [this](int first, int last) { beginInsertRows({}, first, last); };
        hooks.endInsertRows = [this] { endInsertRows(); };
        hooks.beginRemoveRows = [this](int first, int last) { beginRemoveRows({}, first, last); };
        hooks.endRemoveRows = [this] { endRemoveRows(); };
        hooks.rowsChanged = [this](int first, int last) {
            Q_EMIT dataChanged(index(first, 0), index(last, m_columns - 1));
        };
        hooks.beginReset = [this] { beginResetModel(); };
        hooks.endReset = [this] { endResetModel(); };
        applyRowDifference(
            m_rows, incoming, m_keyOf, [](const Row &a, const Row &b) { return a == b; }, hooks);
    }

    /// The rows, sorted by key.
    const std::vector<Row> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_columns; }

protected:
    /// The row of a valid index of this model (check it first).
    const Row &rowAt(const QModelIndex &index) const { return m_rows[static_cast<std::size_t>(index.row())]; }

private:
    std::vector<Row> m_rows;
    KeyOf m_keyOf;
    int m_columns;
};

} // namespace vigil
