#include "Tables.h"

#include "Theme.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace vigil {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setFont(theme::monospaceFont(13));
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setFocusPolicy(Qt::NoFocus);
    view->setSortingEnabled(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(25);
    // A table narrower than its columns scrolls sideways rather than cutting the last off.
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    QHeaderView *header = view->horizontalHeader();
    // The header's weight is set on its font, not in the style sheet: Qt sizes sections
    // from the widget font, so a style-sheet bold would be cut off ("nrealized").
    QFont headerFont = header->font();
    headerFont.setPixelSize(11);
    headerFont.setWeight(QFont::DemiBold);
    header->setFont(headerFont);
    header->setMinimumSectionSize(48);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSortIndicatorShown(true);
    return view;
}

QSortFilterProxyModel *makeSortProxy(QAbstractItemModel *source, int sortRole, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setSortRole(sortRole);
    proxy->setDynamicSortFilter(true);
    return proxy;
}

} // namespace vigil
