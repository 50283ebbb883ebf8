#pragma once
// The dashboard's tables: every table view and its sorting proxy are made the same way.
// GUI thread only.

class QAbstractItemModel;
class QObject;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace vigil {

/// A read-only, sortable table whose first (name) column takes the spare width and whose
/// number columns fit their contents.
QTableView *makeTable(QAbstractItemModel *model, QWidget *parent);
/// A proxy that sorts `source` by `sortRole` and keeps sorting as rows change.
QSortFilterProxyModel *makeSortProxy(QAbstractItemModel *source, int sortRole, QObject *parent);

} // namespace vigil
