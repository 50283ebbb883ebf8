#include "api/AlertText.h"

#include "api/Time.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

#include <array>
#include <string_view>
#include <utility>

namespace vigil {

namespace {

std::string jsonEscaped(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[(c >> 4) & 0xf];
                out += kHex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::string utcText(std::int64_t ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, QTimeZone::utc()).toString(Qt::ISODateWithMs).toStdString();
}

} // namespace

std::string alertLine(const OutgoingAlert &alert)
{
    std::string line =
        "[Vigil L" + std::to_string(alertLevel(alert.severity)) + " " + std::string(toString(alert.severity)) + "] ";
    if (!alert.note.empty())
        line += alert.note + ": ";
    if (!alert.source.empty())
        line += alert.source + ": ";
    line += alert.message;
    if (alert.count > 1)
        line += " (" + std::to_string(alert.count) + " times)";
    if (alert.id != 0)
        line += " #" + std::to_string(alert.id);
    return line;
}

std::string alertSubject(const OutgoingAlert &alert)
{
    // A subject is one line: a message's own new lines would end the header.
    std::string subject = alertLine(alert);
    for (char &c : subject)
        if (c == '\n' || c == '\r')
            c = ' ';
    return subject.size() > 200 ? subject.substr(0, 197) + "..." : subject;
}

std::string alertMailBody(const OutgoingAlert &alert, const std::string &host)
{
    std::string body = alertLine(alert) + "\n\n";
    body += "level:    " + std::to_string(alertLevel(alert.severity)) + " (" + std::string(toString(alert.severity))
            + ")\n";
    body += "source:   " + alert.source + "\n";
    body += "raised:   " + utcText(alert.raisedNs) + " UTC";
    if (!alert.clock.empty())
        body += " (session " + alert.clock + " New York)";
    body += "\n";
    if (alert.count > 1)
        body += "count:    " + std::to_string(alert.count) + "\n";
    if (alert.id != 0)
        body += "alert:    #" + std::to_string(alert.id) + " (vigil ctl ack " + std::to_string(alert.id)
                + " --reason ...)\n";
    body += "host:     " + host + "\n";
    return body;
}

std::string renderWebhookBody(const std::string &bodyTemplate, const OutgoingAlert &alert)
{
    const std::array<std::pair<std::string_view, std::string>, 9> values{{
        {"level", std::to_string(alertLevel(alert.severity))},
        {"severity", std::string(toString(alert.severity))},
        {"source", alert.source},
        {"message", alert.message},
        {"text", alertLine(alert)},
        {"count", std::to_string(alert.count)},
        {"time", utcText(alert.raisedNs)},
        {"id", std::to_string(alert.id)},
        {"vigil", "Vigil"},
    }};
    std::string out;
    out.reserve(bodyTemplate.size() + alert.message.size() * 2 + 64);
    std::size_t at = 0;
    while (at < bodyTemplate.size()) {
        const std::size_t open = bodyTemplate.find("{{", at);
        if (open == std::string::npos) {
            out.append(bodyTemplate, at, std::string::npos);
            break;
        }
        out.append(bodyTemplate, at, open - at);
        const std::size_t close = bodyTemplate.find("}}", open + 2);
        if (close == std::string::npos) {
            out.append(bodyTemplate, open, std::string::npos);
            break;
        }
        const std::string_view name(bodyTemplate.data() + open + 2, close - open - 2);
        bool known = false;
        for (const auto &[key, value] : values)
            if (key == name) {
                out += jsonEscaped(value);
                known = true;
                break;
            }
        if (!known)
            out.append(bodyTemplate, open, close + 2 - open);
        at = close + 2;
    }
    return out;
}

std::string webhookTemplateProblem(const std::string &bodyTemplate)
{
    OutgoingAlert sample;
    sample.id = 7;
    sample.severity = AlertSeverity::Critical;
    sample.source = "risk";
    sample.message = "a \"quoted\" text\nover two lines \\ with a backslash";
    sample.count = 3;
    sample.raisedNs = 1'764'000'000'000'000'000;
    const std::string body = renderWebhookBody(bodyTemplate, sample);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(body), &error);
    if (error.error != QJsonParseError::NoError)
        return "is not valid JSON once filled in: " + error.errorString().toStdString() + " at character "
               + std::to_string(error.offset) + " of " + body;
    if (!document.isObject())
        return "must be a JSON object, {...}";
    if (body.find("{{") != std::string::npos)
        return "has a placeholder Vigil does not know; the known are {{level}}, {{severity}}, {{source}}, "
               "{{message}}, {{text}}, {{count}}, {{time}}, {{id}} and {{vigil}}";
    return {};
}

} // namespace vigil
