#pragma once
// Incidents as the journal holds them, read after the fact: each incident with its changes
// applied (the root-cause analysis as it stands, its notes, its sign-off), the timeline of
// what happened around it and what it cost. Rendering is incidentMarkdown() here and
// ui/IncidentPdf. Read-only; any thread (each call opens the journal read-only under a
// connection name of its own). Money stays fixed-point.

#include "api/Fixed.h"
#include "api/Incident.h"
#include "api/Time.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

/// One row of incident_changes.
struct IncidentChangeRecord {
    std::uint64_t seq = 0; ///< its journal sequence number
    SimTime at = 0;        ///< engine time
    std::int64_t wallMs = 0;
    std::string actor;
    IncidentField field = IncidentField::Note;
    std::string value;
};

/// An analysis field's latest text, and who set it when; empty actor: never set.
struct IncidentFieldValue {
    std::string text;
    std::string actor;
    SimTime at = 0;
    std::int64_t wallMs = 0;
    bool isSet() const { return !actor.empty(); }
};

struct IncidentRecord {
    std::uint64_t id = 0;    ///< the journal seq of the record that opened it
    std::string sessionDate; ///< YYYY-MM-DD
    SimTime at = 0;          ///< when it was opened, engine time
    std::int64_t wallMs = 0; ///< ... UTC, ms since the epoch
    IncidentCause cause = IncidentCause::Operator;
    int level = 2; ///< 2 or 3; the highest it was raised to
    std::string title;
    std::string openedBy;
    std::optional<std::uint64_t> alert; ///< the opening alert's journal seq

    /// The analysis fields, in kAnalysisFields order; field() finds one.
    std::array<IncidentFieldValue, kAnalysisFields.size()> analysis;
    const IncidentFieldValue &field(IncidentField which) const;

    std::vector<IncidentChangeRecord> notes;  ///< annotations, oldest first
    std::vector<IncidentChangeRecord> events; ///< later events attached ("alert #ID: text"), oldest first

    std::string signedOffBy; ///< empty while open
    SimTime signedOffAt = 0;
    std::int64_t signedOffWallMs = 0;
    std::string signOffNote;
    bool signedOff() const { return !signedOffBy.empty(); }

    std::vector<IncidentChangeRecord> changes; ///< every change, in journal order
};

/// What a line of an incident's timeline is.
enum class TimelineKind : std::uint8_t {
    Alert,          ///< an alert (level 1..3)
    State,          ///< a trading state change
    OperatorAction, ///< a person's command from the audit trail
    OrderCreated,   ///< an order created
    Fill,           ///< an execution booked
    Note,           ///< an annotation on the incident
    Opened,         ///< the incident opened
    Level,          ///< its level raised
    SignedOff,      ///< the incident signed off
};

/// "alert", "state", "action", "order", "fill", "note", "opened", "level", "signed off".
std::string_view toString(TimelineKind kind);

struct TimelineEntry {
    SimTime at = 0;          ///< engine time
    std::int64_t wallMs = 0; ///< UTC ms since the epoch; 0 when the journal does not say
    TimelineKind kind = TimelineKind::Alert;
    std::string actor; ///< who or what: the alert's source, the state's actor, the order's strategy
    std::string text;
    int level = 0; ///< alerts: 1..3, else 0
};

/// What the incident cost, over its window.
struct IncidentImpact {
    /// The equity at the window's start and end: the last equity_curve point at or before
    /// each. hasEquityBefore/After say whether there was one; change is meaningful only with both.
    Money equityBefore;
    Money equityAfter;
    Money change;
    bool hasEquityBefore = false;
    bool hasEquityAfter = false;
    Money fees;               ///< charged on the fills in the window
    std::uint64_t fills = 0;  ///< fills in the window
    std::uint64_t orders = 0; ///< orders created in the window
    SimTime stoppedNs = 0;    ///< time in HALTED, KILLED or MAINTENANCE inside the window
    SimTime reduceOnlyNs = 0; ///< time in PAUSED inside the window
};

/// How long before an incident opened its timeline starts (engine time).
inline constexpr SimTime kIncidentLeadNs = 60 * kNsPerSecond;

struct IncidentReport {
    IncidentRecord incident;
    SimTime windowStart = 0;             ///< opened at - kIncidentLeadNs
    SimTime windowEnd = 0;               ///< signed off at; while open, the journal's newest record
    std::vector<TimelineEntry> timeline; ///< oldest first; at equal times notes come first
    IncidentImpact impact;
};

/// The incidents whose session date lies from `fromDate` to `toDate` (YYYY-MM-DD, both
/// included; empty: no bound), oldest first, into `out`. A journal older than schema 8 has
/// none (an empty list, not an error). Returns an empty string or what is wrong.
QString readIncidents(const QString &journal, const std::string &fromDate, const std::string &toDate,
                      std::vector<IncidentRecord> &out);

/// Incident `id` into `out`; an empty string, or what is wrong ("no incident #7 in FILE").
QString readIncident(const QString &journal, std::uint64_t id, IncidentRecord &out);

/// Incident `id` with its timeline and impact, all read in one moment of the file.
QString loadIncidentReport(const QString &journal, std::uint64_t id, IncidentReport &out);

/// The runbook's root-cause analysis record as Markdown: title, summary, severity,
/// timeline, root cause, contributing factors, impact, actions taken, preventive measures
/// and sign-off.
std::string incidentMarkdown(const IncidentReport &report);

/// Where `vigil incident export` puts an incident by default:
/// DATA_DIR/incidents/incident-ID.EXTENSION.
QString incidentExportPath(const QString &dataDir, std::uint64_t id, const QString &extension);

/// A duration as the exports show it: "0 s", "45 s", "12m 05s", "1h 02m 05s".
std::string formatIncidentDuration(SimTime ns);

/// "HH:MM:SS" New York time of `t`, with the date in front ("2026-11-21 09:31:00") when it
/// is not on the incident's session day.
std::string incidentClock(const IncidentRecord &incident, SimTime t);

/// "OPEN" or "signed off by NAME".
std::string incidentStateText(const IncidentRecord &incident);

} // namespace vigil
