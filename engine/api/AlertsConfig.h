#pragma once
// `[alerts]`: where alerts go beyond the console, at which levels, and when an alert nobody
// acknowledged goes further. Plain values; thread safe to read. The webhook's token and the
// SMTP password are never here: they live in the OS keyring (api/AlertSecrets.h).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

/// A delivery channel outside the console.
enum class AlertChannelKind : std::uint8_t { Webhook, Email };
std::string_view toString(AlertChannelKind kind); ///< "webhook", "email"

/// How the SMTP connection is protected. Plain text is for a relay on this machine only.
enum class SmtpSecurity : std::uint8_t {
    StartTls, ///< smtp://, upgraded with STARTTLS, refused if the server cannot
    Tls,      ///< smtps://, TLS from the first byte
    None,     ///< no TLS at all: loopback servers only (the configuration refuses any other)
};
std::string_view toString(SmtpSecurity security); ///< "starttls", "tls", "none"

struct WebhookChannelConfig {
    bool enabled = false;
    /// https:// (http:// to a loopback address only). "{token}" in it is replaced by the
    /// keyring's webhook token (Slack and Discord carry it in the path); without "{token}" a
    /// stored token is sent as "Authorization: Bearer" (ntfy, Teams' flows).
    std::string url;
    /// The request body, JSON with placeholders ({{level}}, {{severity}}, {{source}},
    /// {{message}}, {{text}}, {{count}}, {{time}}, {{id}}, {{vigil}}) replaced by
    /// JSON-escaped values; checked at load time. Empty: Slack's {"text": "{{text}}"}.
    std::string bodyTemplate;
    std::vector<int> levels{2, 3}; ///< the alert levels (1, 2, 3) sent here
    int timeoutSeconds = 10;       ///< one attempt, connecting included
};

struct EmailChannelConfig {
    bool enabled = false;
    std::string server; ///< host name or address
    std::uint16_t port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    std::string username; ///< empty: no login (the password, if any, is in the keyring)
    std::string from;
    std::vector<std::string> to;
    std::vector<int> levels{3};
    int timeoutSeconds = 20;
    /// For a private relay: the CA bundle (PEM) its certificate is checked against; empty:
    /// the system's.
    std::string caFile;
};

/// The console's own channel: a tray icon in the trading state's colour, and a desktop
/// notification (org.freedesktop.Notifications over D-Bus, else the tray's balloon) for
/// each new alert of these levels. Headless runs have no desktop.
struct DesktopChannelConfig {
    bool enabled = true;
    std::vector<int> levels{2, 3};
};

struct AlertsConfig {
    WebhookChannelConfig webhook;
    EmailChannelConfig email;
    DesktopChannelConfig desktop;
    /// The same alert (source and text) raised again within this many seconds of the
    /// session's clock is counted on the first one instead of raised anew.
    int repeatWindowSeconds = 300;
    /// A critical alert not acknowledged within this many wall seconds goes to the next
    /// channel of `escalation` it has not reached yet; then again after as long (0: never).
    int escalateAfterSeconds = 600;
    std::vector<AlertChannelKind> escalation{AlertChannelKind::Webhook, AlertChannelKind::Email};
    /// A failed delivery is tried again this many times, waiting 1, 2, 4 ... s between.
    int retries = 4;
    /// Alerts waiting for one channel; beyond it the oldest non-critical ones are dropped
    /// (counted and said on the other channels); critical ones are never dropped.
    int queueCapacity = 1'000;
    /// Repeats of one alert already delivered are summed up at most this often per channel.
    int repeatSummarySeconds = 60;
};

} // namespace vigil
