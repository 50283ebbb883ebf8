#pragma once
// The items of one checklist run: verdict, item, what was measured, the threshold and what
// to do. GUI thread only. A run replaces the whole table (runs are minutes apart).

#include "api/Checklist.h"

#include <QAbstractTableModel>

namespace vigil {

class ChecklistModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column : int { StatusColumn, ItemColumn, MeasuredColumn, ThresholdColumn, DetailColumn, ColumnCount };

    explicit ChecklistModel(QObject *parent = nullptr);
    void setResult(const ChecklistResult &result);
    const ChecklistResult &result() const { return m_result; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "PASS", "WARN", "FAIL".
    static QString statusText(CheckStatus status);

private:
    ChecklistResult m_result;
};

} // namespace vigil
