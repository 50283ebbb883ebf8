#pragma once
// The part every snapshot-fed table shares: rows kept sorted by a unique key and updated
// by difference (RowDifference.h), with the model notifications wired once here. GUI
// thread only.

#include "RowDifference.h"

#include <QAbstractTableModel>

#include <vector>

namespace vigil {

class KeyedTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    /// Brings `current` to `incoming` (rows compared with ==), telling views only what
    /// changed; `keyOf(row)` gives a row's unique key, `columns` the table's width.
    template <typename Row, typename KeyOf>
    void applyRows(std::vector<Row> &current, const std::vector<Row> &incoming, KeyOf keyOf, int columns)
    {
        RowDifferenceHooks hooks;
        hooks.beginInsertRows = [this](int first, int last) { beginInsertRows({}, first, last); };
        hooks.endInsertRows = [this] { endInsertRows(); };
        hooks.beginRemoveRows = [this](int first, int last) { beginRemoveRows({}, first, last); };
        hooks.endRemoveRows = [this] { endRemoveRows(); };
        hooks.rowsChanged = [this, columns](int first, int last) {
            Q_EMIT dataChanged(index(first, 0), index(last, columns - 1));
        };
        hooks.beginReset = [this] { beginResetModel(); };
        hooks.endReset = [this] { endResetModel(); };
        applyRowDifference(current, incoming, keyOf, [](const Row &a, const Row &b) { return a == b; }, hooks);
    }

    /// rowCount() for a flat table of `rows`.
    static int flatCount(const QModelIndex &parent, std::size_t rows)
    {
        return parent.isValid() ? 0 : static_cast<int>(rows);
    }
};

} // namespace vigil
