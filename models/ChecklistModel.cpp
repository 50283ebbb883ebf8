#include "ChecklistModel.h"

#include "CellFormat.h"

namespace vigil {

ChecklistModel::ChecklistModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ChecklistModel::setResult(const ChecklistResult &result)
{
    beginResetModel();
    m_result = result;
    endResetModel();
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_result.items.size());
}

int ChecklistModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString ChecklistModel::statusText(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass: return tr("PASS");
    case CheckStatus::Warn: return tr("WARN");
    case CheckStatus::Fail: return tr("FAIL");
    }
    return {};
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CheckItem &item = m_result.items[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn: return statusText(item.status);
        case ItemColumn: return QString::fromStdString(item.title);
        case MeasuredColumn: return QString::fromStdString(item.measured);
        case ThresholdColumn: return QString::fromStdString(item.threshold);
        case DetailColumn: return QString::fromStdString(item.detail);
        default: return {};
        }
    case Qt::ToolTipRole:
        // The whole text of a cell the column may cut.
        if (index.column() == StatusColumn)
            return QString::fromStdString(item.id);
        return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
        if (index.column() != StatusColumn)
            return {};
        switch (item.status) {
        case CheckStatus::Pass: return palette::profit();
        case CheckStatus::Warn: return palette::warning();
        case CheckStatus::Fail: return palette::loss();
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == StatusColumn ? QVariant::fromValue(Qt::Alignment(Qt::AlignCenter))
                                              : cell::textAlignment();
    default: return {};
    }
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn: return tr("Result");
    case ItemColumn: return tr("Item");
    case MeasuredColumn: return tr("Measured");
    case ThresholdColumn: return tr("Threshold");
    case DetailColumn: return tr("What to do");
    default: return {};
    }
}

} // namespace vigil
