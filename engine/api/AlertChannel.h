#pragma once
// One way out for alerts beyond the console: a webhook (HTTP POST of a JSON body) or e-mail
// (SMTP), each through libcurl, each attempt bounded by its configured timeout so that a
// peer that hangs costs at most that long. Errors name what failed and never contain the
// channel's secret (a webhook token or the SMTP password).
//
// Threads: each channel object belongs to its delivery thread (AlertDispatcher gives each
// channel a thread of its own): send() blocks for up to the timeout. abort() may be called
// from any thread: the attempt under way ends within about a second.

#include "api/AlertText.h"
#include "api/AlertsConfig.h"

#include <atomic>
#include <memory>
#include <string>

namespace vigil {

class AlertChannel {
public:
    virtual ~AlertChannel() = default;
    virtual AlertChannelKind kind() const = 0;
    /// Delivers `alert` once. Returns an empty string or why not ("HTTP 500 from ...",
    /// "the server refused STARTTLS", "timed out after 10 s").
    virtual std::string send(const OutgoingAlert &alert) = 0;
    void abort() { m_aborted.store(true); }

protected:
    std::atomic<bool> m_aborted{false};
};

/// `token` (from the keyring, may be empty) goes into the url's "{token}", or else into an
/// Authorization: Bearer header.
std::unique_ptr<AlertChannel> makeWebhookChannel(const WebhookChannelConfig &config, std::string token);
/// `password` (from the keyring, may be empty) is used with the configured username.
std::unique_ptr<AlertChannel> makeEmailChannel(const EmailChannelConfig &config, std::string password);

} // namespace vigil
