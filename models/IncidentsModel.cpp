#include "IncidentsModel.h"

#include "CellFormat.h"

namespace vigil {

QString incidentCauseText(IncidentCause cause)
{
    switch (cause) {
    case IncidentCause::KillSwitch: return IncidentsModel::tr("kill switch");
    case IncidentCause::TriggerHalt: return IncidentsModel::tr("halt by a trigger");
    case IncidentCause::BrokerUnreachable: return IncidentsModel::tr("broker unreachable");
    case IncidentCause::FeedSilent: return IncidentsModel::tr("market data silent");
    case IncidentCause::Storage: return IncidentsModel::tr("journal or disk failure");
    case IncidentCause::Reconciliation: return IncidentsModel::tr("reconciliation difference");
    case IncidentCause::RefusalBurst: return IncidentsModel::tr("burst of refused orders");
    case IncidentCause::Operator: return IncidentsModel::tr("opened by hand");
    }
    return {};
}

QString incidentFieldText(IncidentField field)
{
    switch (field) {
    case IncidentField::Summary: return IncidentsModel::tr("Summary");
    case IncidentField::RootCause: return IncidentsModel::tr("Root cause");
    case IncidentField::ContributingFactors: return IncidentsModel::tr("Contributing factors");
    case IncidentField::ActionsTaken: return IncidentsModel::tr("Actions taken");
    case IncidentField::PreventiveImmediate: return IncidentsModel::tr("Preventive measures: immediate");
    case IncidentField::PreventiveShortTerm: return IncidentsModel::tr("Preventive measures: short term");
    case IncidentField::PreventiveLongTerm: return IncidentsModel::tr("Preventive measures: long term");
    case IncidentField::Note: return IncidentsModel::tr("Note");
    case IncidentField::Event: return IncidentsModel::tr("Event");
    case IncidentField::Level: return IncidentsModel::tr("Level");
    case IncidentField::SignOff: return IncidentsModel::tr("Sign-off");
    }
    return {};
}

IncidentsModel::IncidentsModel(QObject *parent)
    : IncidentsTable([](const IncidentRow &row) -> std::uint64_t { return row.id; }, ColumnCount, parent)
{}

const IncidentRow *IncidentsModel::find(std::uint64_t id) const
{
    for (const IncidentRow &row : rows())
        if (row.id == id)
            return &row;
    return nullptr;
}

int IncidentsModel::holdingResume() const
{
    int n = 0;
    for (const IncidentRow &row : rows())
        n += row.holdsResume() ? 1 : 0;
    return n;
}

int IncidentsModel::openCount() const
{
    int n = 0;
    for (const IncidentRow &row : rows())
        n += row.open() ? 1 : 0;
    return n;
}

QVariant IncidentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IncidentRow &row = rowAt(index);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case IdColumn:
            return role == SortRole ? QVariant(static_cast<qulonglong>(row.id))
                                    : QVariant(QStringLiteral("#%1").arg(row.id));
        case OpenedColumn:
            if (role == SortRole)
                return QVariant(static_cast<qulonglong>(row.id));
            // An incident still open from an earlier day says which day.
            return row.sessionDate.empty() || row.sessionDate == m_today
                       ? QString::fromStdString(row.openedClock)
                       : QStringLiteral("%1 %2").arg(QString::fromStdString(row.sessionDate),
                                                     QString::fromStdString(row.openedClock));
        case LevelColumn:
            return role == SortRole ? QVariant(alertLevel(row.severity))
                                    : QVariant(QStringLiteral("L%1").arg(alertLevel(row.severity)));
        case CauseColumn: return incidentCauseText(row.cause);
        case TitleColumn: return QString::fromStdString(row.title);
        case StateColumn:
            if (!row.open())
                return tr("signed off by %1").arg(QString::fromStdString(row.signedOffBy));
            return row.holdsResume() ? tr("OPEN: holds resume") : tr("OPEN");
        default: return {};
        }
    case IdRole: return QVariant(static_cast<qulonglong>(row.id));
    case Qt::ForegroundRole:
        if (column == LevelColumn)
            return row.severity == AlertSeverity::Critical ? QVariant(palette::loss()) : QVariant(palette::warning());
        if (column == StateColumn)
            return row.open() ? QVariant(row.holdsResume() ? palette::loss() : palette::warning())
                              : QVariant(palette::profit());
        return {};
    case Qt::ToolTipRole:
        if (column == TitleColumn)
            return QString::fromStdString(row.title);
        if (column == StateColumn && !row.open())
            return QString::fromStdString(row.signOffNote);
        return {};
    case Qt::TextAlignmentRole: return cell::textAlignment();
    default: return {};
    }
}

QVariant IncidentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("Incident");
    case OpenedColumn: return tr("Opened");
    case LevelColumn: return tr("Level");
    case CauseColumn: return tr("Cause");
    case TitleColumn: return tr("Title");
    case StateColumn: return tr("State");
    default: return {};
    }
}

} // namespace vigil
