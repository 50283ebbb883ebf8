#pragma once
// What an alert says outside the console: the one-line text, the e-mail's subject and body,
// and the webhook's JSON body from its template. Pure functions; thread safe.

#include "api/AlertSeverity.h"

#include <cstdint>
#include <string>

namespace vigil {

/// An alert as it leaves Vigil: what the engine raised, plus how often.
struct OutgoingAlert {
    std::uint64_t id = 0; ///< the engine's alert id (0: not the engine's: a test or delivery trouble)
    AlertSeverity severity = AlertSeverity::Warning;
    std::string source;
    std::string message;
    std::string clock;         ///< session time "HH:MM:SS" New York, as the console shows it
    std::uint32_t count = 1;   ///< times raised (repeats summed up)
    std::int64_t raisedNs = 0; ///< UTC wall time it was raised at, ns since the epoch
    std::string note;          ///< "escalated: ...", "test", or empty
};

/// "[Vigil L3 critical] risk: kill switch fired ... (3 times) #12"
std::string alertLine(const OutgoingAlert &alert);
std::string alertSubject(const OutgoingAlert &alert);
/// The e-mail's text: the line, then each fact on a line of its own.
std::string alertMailBody(const OutgoingAlert &alert, const std::string &host);

/// Slack's incoming webhook body; Mattermost reads it too.
constexpr const char *kDefaultWebhookTemplate = R"({"text": "{{text}}"})";

/// The template with every {{name}} replaced by the alert's value, JSON-escaped (without
/// quotes: a placeholder sits inside a JSON string, or bare where its value is a number:
/// {{level}}, {{count}}, {{id}}). An unknown {{name}} stays as it is.
std::string renderWebhookBody(const std::string &bodyTemplate, const OutgoingAlert &alert);
/// Why the template cannot make a JSON body (rendered with a sample alert whose texts carry
/// quotes and new lines), or empty.
std::string webhookTemplateProblem(const std::string &bodyTemplate);

} // namespace vigil
