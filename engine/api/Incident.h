#pragma once
// Incidents: what caused one, the fields of its root-cause analysis, and their codes in the
// journal. An incident is opened by a level-2 or level-3 event of a cause (or by the
// operator), later events of the same cause attach to it until it is signed off, and after
// a level-3 incident trading resumes only once it is signed off (or over an override that
// is audited as such). Its id is the journal sequence number of the record that opened it.
// Thread safe: plain values and pure functions.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil {

/// One incident per cause is open at a time.
enum class IncidentCause : std::uint8_t {
    KillSwitch,        ///< the kill switch (by the operator or a trigger)
    TriggerHalt,       ///< a halt the engine made itself (not a storage failure)
    BrokerUnreachable, ///< the broker away longer than [incidents] broker_unreachable_seconds
    FeedSilent,        ///< market data silent longer than [incidents] feed_silent_seconds
    Storage,           ///< the journal or the disk failed
    Reconciliation,    ///< a difference between the books and the broker's
    RefusalBurst,      ///< many orders refused by the pre-trade checks in a short time (a rogue strategy)
    Operator,          ///< opened by hand
};

inline constexpr std::array<IncidentCause, 8> kIncidentCauses{
    IncidentCause::KillSwitch,   IncidentCause::TriggerHalt, IncidentCause::BrokerUnreachable,
    IncidentCause::FeedSilent,   IncidentCause::Storage,     IncidentCause::Reconciliation,
    IncidentCause::RefusalBurst, IncidentCause::Operator};

/// Its code in the journal, `vigil incident` and the exports: "kill", "halt", "broker",
/// "feed", "storage", "reconciliation", "refusals", "operator".
constexpr std::string_view toString(IncidentCause cause)
{
    switch (cause) {
    case IncidentCause::KillSwitch: return "kill";
    case IncidentCause::TriggerHalt: return "halt";
    case IncidentCause::BrokerUnreachable: return "broker";
    case IncidentCause::FeedSilent: return "feed";
    case IncidentCause::Storage: return "storage";
    case IncidentCause::Reconciliation: return "reconciliation";
    case IncidentCause::RefusalBurst: return "refusals";
    case IncidentCause::Operator: return "operator";
    }
    return "operator";
}

constexpr std::optional<IncidentCause> incidentCauseFromText(std::string_view text)
{
    for (IncidentCause cause : kIncidentCauses)
        if (toString(cause) == text)
            return cause;
    return std::nullopt;
}

/// What a change to an incident sets. The analysis fields hold the latest text given; a
/// note adds an annotation to the timeline; the level only rises; a sign-off closes it.
enum class IncidentField : std::uint8_t {
    Summary,
    RootCause,
    ContributingFactors,
    ActionsTaken,
    PreventiveImmediate,
    PreventiveShortTerm,
    PreventiveLongTerm,
    Note,    ///< an annotation on the timeline
    Event,   ///< a later event of the incident's cause attached to it (value: "alert #ID: text")
    Level,   ///< value "2" or "3"
    SignOff, ///< value: the sign-off note; the change's actor is who signed it off
};

inline constexpr std::array<IncidentField, 11> kIncidentFields{IncidentField::Summary,
                                                               IncidentField::RootCause,
                                                               IncidentField::ContributingFactors,
                                                               IncidentField::ActionsTaken,
                                                               IncidentField::PreventiveImmediate,
                                                               IncidentField::PreventiveShortTerm,
                                                               IncidentField::PreventiveLongTerm,
                                                               IncidentField::Note,
                                                               IncidentField::Event,
                                                               IncidentField::Level,
                                                               IncidentField::SignOff};

/// The root-cause analysis's own fields, in the runbook's order (what the console's form
/// and the exports show).
inline constexpr std::array<IncidentField, 7> kAnalysisFields{
    IncidentField::Summary,           IncidentField::RootCause,           IncidentField::ContributingFactors,
    IncidentField::ActionsTaken,      IncidentField::PreventiveImmediate, IncidentField::PreventiveShortTerm,
    IncidentField::PreventiveLongTerm};

/// Its code in the journal and in `vigil ctl incident-set FIELD`: "summary", "root_cause",
/// "contributing_factors", "actions_taken", "preventive_immediate", "preventive_short_term",
/// "preventive_long_term", "note", "event", "level", "sign_off".
constexpr std::string_view toString(IncidentField field)
{
    switch (field) {
    case IncidentField::Summary: return "summary";
    case IncidentField::RootCause: return "root_cause";
    case IncidentField::ContributingFactors: return "contributing_factors";
    case IncidentField::ActionsTaken: return "actions_taken";
    case IncidentField::PreventiveImmediate: return "preventive_immediate";
    case IncidentField::PreventiveShortTerm: return "preventive_short_term";
    case IncidentField::PreventiveLongTerm: return "preventive_long_term";
    case IncidentField::Note: return "note";
    case IncidentField::Event: return "event";
    case IncidentField::Level: return "level";
    case IncidentField::SignOff: return "sign_off";
    }
    return "note";
}

constexpr std::optional<IncidentField> incidentFieldFromText(std::string_view text)
{
    for (IncidentField field : kIncidentFields)
        if (toString(field) == text)
            return field;
    return std::nullopt;
}

/// Whether the operator sets `field` by hand (the analysis and notes; the engine sets the
/// rest, and a sign-off is a command of its own).
constexpr bool isOperatorField(IncidentField field)
{
    return field != IncidentField::Event && field != IncidentField::Level && field != IncidentField::SignOff;
}

/// The longest text a change carries, bytes (an analysis field is a few paragraphs).
inline constexpr std::size_t kIncidentTextMax = 8000;

} // namespace vigil
