#include "LimitsModel.h"

#include "CellFormat.h"

namespace vigil {

namespace {
QString levelText(LimitUsage::Level level)
{
    switch (level) {
    case LimitUsage::Level::Ok: return LimitsModel::tr("OK");
    case LimitUsage::Level::Warning: return LimitsModel::tr("WARNING");
    case LimitUsage::Level::Breach: return LimitsModel::tr("BREACH");
    }
    return {};
}
}

LimitsModel::LimitsModel(QObject *parent)
    : LimitsTable([](const LimitUsage &row) -> const std::string & { return row.name; }, ColumnCount, parent)
{}

QVariant LimitsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LimitUsage &row = rowAt(index);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case NameColumn: return QString::fromStdString(row.name);
        case ValueColumn: return QString::fromStdString(row.value);
        case LimitColumn: return QString::fromStdString(row.limit);
        case UsedColumn:
            return role == SortRole ? QVariant(row.usedPct)
                                    : QVariant(QStringLiteral("%1%").arg(row.usedPct, 0, 'f', 1));
        case DistanceColumn: return QString::fromStdString(row.distance);
        case StatusColumn:
            if (role == SortRole)
                return static_cast<int>(row.level);
            return row.killTrigger ? tr("%1 · kill").arg(levelText(row.level)) : levelText(row.level);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (column != StatusColumn && column != UsedColumn)
            return {};
        switch (row.level) {
        case LimitUsage::Level::Ok: return {};
        case LimitUsage::Level::Warning: return palette::warning();
        case LimitUsage::Level::Breach: return palette::loss();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == StatusColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return column == NameColumn ? cell::textAlignment() : cell::numberAlignment();
    case Qt::ToolTipRole:
        if (column == StatusColumn && row.killTrigger)
            return tr("Breaching this limit fires the kill switch (after its confirmation time)");
        return {};
    default: return {};
    }
}

QVariant LimitsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Limit");
    case ValueColumn: return tr("Now");
    case LimitColumn: return tr("Max");
    case UsedColumn: return tr("Used");
    case DistanceColumn: return tr("Left");
    case StatusColumn: return tr("Status");
    default: return {};
    }
}

} // namespace vigil
