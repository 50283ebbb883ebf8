// EngineCore: incidents. The engine opens one for each cause of a level-2 or level-3 event
// (see api/Incident.h), attaches later events of the cause to it, takes the operator's
// analysis, notes and sign-off as commands, and holds a resume while a level-3 incident is
// open. Every step is a journal record, and so an audit record: the incident's own history
// is the journal's, and a restart reads it back (Recovery::incidents).
//
// Thread: the engine thread (EngineCore).

#include "core/EngineText.h"
#include "runtime/EngineCore.h"

#include <spdlog/spdlog.h>

#include <string>

namespace vigil {

namespace {
/// What fits in one record's text, cut at a character's start so that each piece stays
/// valid UTF-8 on its own (the writer joins the bytes again).
std::size_t pieceLength(std::string_view value, std::size_t room)
{
    if (value.size() <= room)
        return value.size();
    std::size_t n = room;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80)
        --n;
    return n;
}
}

std::uint64_t EngineCore::incident(IncidentCause cause, AlertSeverity severity, std::string_view title,
                                   std::uint64_t alert, std::string_view actor)
{
    if (replaying())
        return 0;
    const std::string clock = m_session.clockText(recordTime());
    if (const IncidentRow *open = m_incidents.openOf(cause); open && cause != IncidentCause::Operator) {
        const std::uint64_t id = open->id;
        const std::string event =
            alert != 0 ? "alert #" + std::to_string(alert) + ": " + std::string(title) : std::string(title);
        journalIncidentChange(id, IncidentField::Event, actor, event);
        m_incidents.change(id, IncidentField::Event, {recordTime(), clock, std::string(actor), event});
        if (severity == AlertSeverity::Critical && open->severity != AlertSeverity::Critical) {
            journalIncidentChange(id, IncidentField::Level, actor, "3");
            m_incidents.change(id, IncidentField::Level, {recordTime(), clock, std::string(actor), "3"});
        }
        return id;
    }
    JournalRecord r;
    r.kind = JournalRecord::Kind::IncidentOpened;
    r.setKey(toString(cause));
    r.qty = alertLevel(severity);
    r.setActor(actor);
    r.setText(title);
    r.orderId = alert;
    journal(r);
    IncidentRow row;
    row.id = m_journal ? m_journalSeq : ++m_alertCount; // the journal's number: the same after a restart
    row.cause = cause;
    row.severity = severity;
    row.title = std::string(title);
    row.openedBy = std::string(actor);
    row.opened = recordTime();
    row.openedClock = clock;
    row.sessionDate = m_session.date.toIso();
    spdlog::warn("incident #{} opened ({}, level {}): {}", row.id, toString(cause), alertLevel(severity), title);
    const std::uint64_t id = row.id;
    m_incidents.open(std::move(row));
    return id;
}

void EngineCore::journalIncidentChange(std::uint64_t id, IncidentField field, std::string_view actor,
                                       std::string_view value)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::IncidentChange;
    r.orderId = id;
    r.setAction(toString(field));
    r.setActor(actor);
    do { // an empty value is one empty piece
        const std::size_t n = pieceLength(value, sizeof r.text - 1);
        r.setText(value.substr(0, n));
        value.remove_prefix(n);
        r.complete = value.empty();
        journal(r);
    } while (!value.empty());
}

void EngineCore::watchIncidentConditions()
{
    const IncidentWatch::Crossed crossed = m_incidentWatch.evaluate(m_now, m_health.up(HealthMonitor::Broker));
    if (crossed.feedSilent) {
        const std::string text = engineTr("Controls", "market data silent for %1 s")
                                     .arg(std::to_string(crossed.feedSilentFor / kNsPerSecond));
        incident(IncidentCause::FeedSilent, AlertSeverity::Warning, text,
                 alert(AlertSeverity::Warning, text, "market data"));
    }
    if (crossed.brokerUnreachable) {
        const std::string text = engineTr("Controls", "the broker unreachable for %1 s")
                                     .arg(std::to_string(crossed.brokerAwayFor / kNsPerSecond));
        incident(IncidentCause::BrokerUnreachable, AlertSeverity::Critical, text,
                 alert(AlertSeverity::Critical, text, "broker"));
    }
}

std::string EngineCore::incidentsHoldingResume() const
{
    std::string ids;
    for (const IncidentRow *row : m_incidents.holdingResume())
        ids += (ids.empty() ? "#" : ", #") + std::to_string(row->id) + " (" + std::string(toString(row->cause)) + ")";
    return ids;
}

EngineCore::Answer EngineCore::handle(const cmd::OpenIncident &c, const Step &step)
{
    const std::uint64_t id = incident(IncidentCause::Operator, c.severity, c.reason, 0, step.actor);
    return {true, engineTr("Controls", "incident #%1 opened").arg(std::to_string(id))};
}

EngineCore::Answer EngineCore::handle(const cmd::UpdateIncident &c, const Step &step)
{
    const IncidentRow *row = m_incidents.find(c.incident);
    if (!row)
        return {false,
                engineTr("Controls", "no incident #%1 open or signed off today").arg(std::to_string(c.incident))};
    if (!row->open())
        return {false, engineTr("Controls", "incident #%1 was signed off by %2; it takes no more changes")
                           .arg(std::to_string(c.incident), row->signedOffBy)};
    journalIncidentChange(c.incident, c.field, step.actor, c.reason);
    m_incidents.change(c.incident, c.field, {recordTime(), m_session.clockText(recordTime()), step.actor, c.reason});
    return {true, engineTr("Controls", "incident #%1: %2 recorded")
                      .arg(std::to_string(c.incident), std::string(toString(c.field)))};
}

EngineCore::Answer EngineCore::handle(const cmd::SignOffIncident &c, const Step &step)
{
    const IncidentRow *row = m_incidents.find(c.incident);
    if (!row)
        return {false,
                engineTr("Controls", "no incident #%1 open or signed off today").arg(std::to_string(c.incident))};
    if (!row->open())
        return {false, engineTr("Controls", "incident #%1 was already signed off by %2")
                           .arg(std::to_string(c.incident), row->signedOffBy)};
    journalIncidentChange(c.incident, IncidentField::SignOff, step.actor, c.reason);
    m_incidents.change(c.incident, IncidentField::SignOff,
                       {recordTime(), m_session.clockText(recordTime()), step.actor, c.reason});
    return {true, engineTr("Controls", "incident #%1 signed off by %2").arg(std::to_string(c.incident), step.actor)};
}

} // namespace vigil
