#include "ReconciliationModel.h"

#include "CellFormat.h"

#include <QDateTime>
#include <QStringList>

namespace vigil {

namespace {
QString text(const std::string &s) { return QString::fromStdString(s); }
}

DifferencesModel::DifferencesModel(QObject *parent)
    : DifferencesTable([](const ReconciliationDifferenceRow &row) { return row.key; }, ColumnCount, parent)
{}

QVariant DifferencesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReconciliationDifferenceRow &row = rowAt(index);
    const int column = index.column();
    const bool position = row.clientOrderId.empty();
    using Status = ReconciliationDifferenceRow::Status;
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        if (row.cash && (column == KeyColumn || column == HereColumn || column == BrokerColumn)) {
            // The cash: amounts where the quantities are, no symbol.
            const Money amount = column == HereColumn ? row.internalCash : row.brokerCash;
            if (column == KeyColumn)
                return text(row.key);
            return role == SortRole ? QVariant(static_cast<qlonglong>(amount.raw())) : QVariant(cell::exact(amount));
        }
        switch (column) {
        case KeyColumn: return position ? text(row.symbol) : text(row.symbol + " " + row.clientOrderId);
        case KindColumn: return cell::word(toString(row.kind));
        case HereColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.internalQty))
                                    : QVariant(QString::number(row.internalQty));
        case BrokerColumn:
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.brokerQty))
                                    : QVariant(QString::number(row.brokerQty));
        case HereAvgColumn:
            if (!position || row.internalQty == 0)
                return role == SortRole ? QVariant(0) : QVariant(QString());
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.internalAvg.raw()))
                                    : QVariant(cell::exact(row.internalAvg));
        case BrokerAvgColumn:
            if (!position || row.brokerQty == 0)
                return role == SortRole ? QVariant(0) : QVariant(QString());
            return role == SortRole ? QVariant(static_cast<qlonglong>(row.brokerAvg.raw()))
                                    : QVariant(cell::exact(row.brokerAvg));
        case StatusColumn: return text(std::string(toString(row.status))).toUpper();
        case ResolutionColumn: return text(row.resolution);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (column != StatusColumn)
            return {};
        switch (row.status) {
        case Status::Open: return palette::loss();
        case Status::Resolving: return palette::warning();
        case Status::Resolved: return palette::profit();
        case Status::Accepted: return palette::mutedText();
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = text(row.description);
        if (!row.resolution.empty())
            tip += QLatin1Char('\n') + text(row.resolution);
        if (!row.choices.empty()) {
            QStringList choices;
            for (const Resolution c : row.choices)
                choices << cell::word(toString(c));
            tip += QLatin1Char('\n') + tr("Resolutions: %1").arg(choices.join(QStringLiteral(", ")));
        }
        return tip;
    }
    case Qt::TextAlignmentRole:
        return column >= HereColumn && column <= BrokerAvgColumn ? cell::numberAlignment() : cell::textAlignment();
    default: return {};
    }
}

QVariant DifferencesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Symbol");
    case KindColumn: return tr("Difference");
    case HereColumn: return tr("Here");
    case BrokerColumn: return tr("Broker");
    case HereAvgColumn: return tr("Avg here");
    case BrokerAvgColumn: return tr("Avg broker");
    case StatusColumn: return tr("Status");
    case ResolutionColumn: return tr("Resolution");
    default: return {};
    }
}

ReconciliationRunsModel::ReconciliationRunsModel(QObject *parent)
    : RunsTable([](const ReconciliationRunRow &row) { return row.number; }, ColumnCount, parent)
{}

QVariant ReconciliationRunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReconciliationRunRow &row = rowAt(index);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case NumberColumn:
            return role == SortRole ? QVariant(static_cast<qulonglong>(row.number))
                                    : QVariant(QString::number(row.number));
        case TimeColumn:
            return role == SortRole ? QVariant(static_cast<qulonglong>(row.number)) : QVariant(text(row.clock));
        case StartedByColumn: return text(row.startedBy);
        case ActorColumn: return text(row.actor);
        case ResultColumn:
            if (!row.complete)
                return tr("INCOMPLETE");
            if (row.differences == 0)
                return tr("clean");
            return row.differences == 1 ? tr("1 difference") : tr("%1 differences").arg(row.differences);
        case SummaryColumn: return text(row.summary);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (column != ResultColumn)
            return {};
        if (!row.complete)
            return palette::warning();
        return row.differences == 0 ? QVariant(palette::profit()) : QVariant(palette::loss());
    case Qt::ToolTipRole: {
        const QString wall = QDateTime::fromMSecsSinceEpoch(row.wallMs, Qt::UTC).toString(Qt::ISODate);
        return tr("%1 (UTC %2)").arg(text(row.summary), wall);
    }
    case Qt::TextAlignmentRole: return column == NumberColumn ? cell::numberAlignment() : cell::textAlignment();
    default: return {};
    }
}

QVariant ReconciliationRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case StartedByColumn: return tr("Started by");
    case ActorColumn: return tr("Who");
    case ResultColumn: return tr("Result");
    case SummaryColumn: return tr("Summary");
    default: return {};
    }
}

} // namespace vigil
