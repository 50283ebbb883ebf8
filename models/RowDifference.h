#pragma once
// Applies the difference between the rows a table model shows and the rows of a new
// snapshot, keyed by a unique text key, as the smallest set of model notifications:
// runs of inserted rows, runs of removed rows and runs of changed rows. A full reset
// happens only when the two sets share no key at all. GUI thread only (it drives a
// model's notifications).

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace vigil {

/// The model's side of a difference: the protected QAbstractItemModel notifications,
/// handed over as callables so one algorithm serves every keyed table.
struct RowDifferenceHooks {
    std::function<void(int first, int last)> beginInsertRows;
    std::function<void()> endInsertRows;
    std::function<void(int first, int last)> beginRemoveRows;
    std::function<void()> endRemoveRows;
    std::function<void(int first, int last)> rowsChanged;
    std::function<void()> beginReset;
    std::function<void()> endReset;
};

/// `current` is kept sorted by `keyOf`; `incoming` is sorted here when it is not already.
/// `keyOf(row)` returns the row's unique key, `same(a, b)` whether two rows with the same
/// key show the same values.
template<typename Row, typename KeyOf, typename Same>
void applyRowDifference(std::vector<Row> &current, std::vector<Row> incoming, KeyOf keyOf, Same same,
                        const RowDifferenceHooks &hooks)
{
    const auto byKey = [&keyOf](const Row &a, const Row &b) { return keyOf(a) < keyOf(b); };
    if (!std::is_sorted(incoming.begin(), incoming.end(), byKey))
        std::stable_sort(incoming.begin(), incoming.end(), byKey);

    if (!current.empty() && !incoming.empty()) {
        bool sharesAKey = false;
        for (std::size_t i = 0, j = 0; i < current.size() && j < incoming.size() && !sharesAKey;) {
            if (keyOf(current[i]) < keyOf(incoming[j]))
                ++i;
            else if (keyOf(incoming[j]) < keyOf(current[i]))
                ++j;
            else
                sharesAKey = true;
        }
        if (!sharesAKey) {
            hooks.beginReset();
            current = std::move(incoming);
            hooks.endReset();
            return;
        }
    }

    int changedFirst = -1;
    int changedLast = -1;
    const auto flushChanged = [&] {
        if (changedFirst >= 0)
            hooks.rowsChanged(changedFirst, changedLast);
        changedFirst = -1;
        changedLast = -1;
    };

    std::size_t i = 0;
    std::size_t j = 0;
    while (i < current.size() || j < incoming.size()) {
        const bool currentOnly = j == incoming.size() || (i < current.size() && keyOf(current[i]) < keyOf(incoming[j]));
        const bool incomingOnly = !currentOnly && (i == current.size() || keyOf(incoming[j]) < keyOf(current[i]));
        if (currentOnly) {
            std::size_t end = i + 1;
            while (end < current.size() && (j == incoming.size() || keyOf(current[end]) < keyOf(incoming[j])))
                ++end;
            flushChanged();
            hooks.beginRemoveRows(static_cast<int>(i), static_cast<int>(end - 1));
            current.erase(current.begin() + static_cast<std::ptrdiff_t>(i),
                          current.begin() + static_cast<std::ptrdiff_t>(end));
            hooks.endRemoveRows();
        } else if (incomingOnly) {
            std::size_t end = j + 1;
            while (end < incoming.size() && (i == current.size() || keyOf(incoming[end]) < keyOf(current[i])))
                ++end;
            const std::size_t count = end - j;
            flushChanged();
            hooks.beginInsertRows(static_cast<int>(i), static_cast<int>(i + count - 1));
            current.insert(current.begin() + static_cast<std::ptrdiff_t>(i),
                           std::make_move_iterator(incoming.begin() + static_cast<std::ptrdiff_t>(j)),
                           std::make_move_iterator(incoming.begin() + static_cast<std::ptrdiff_t>(end)));
            hooks.endInsertRows();
            i += count;
            j = end;
        } else {
            if (!same(current[i], incoming[j])) {
                current[i] = std::move(incoming[j]);
                const int row = static_cast<int>(i);
                if (changedFirst >= 0 && changedLast == row - 1) {
                    changedLast = row;
                } else {
                    flushChanged();
                    changedFirst = row;
                    changedLast = row;
                }
            }
            ++i;
            ++j;
        }
    }
    flushChanged();
}

} // namespace vigil
