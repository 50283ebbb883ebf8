#pragma once
// Delivery of the engine's alerts to the webhook and e-mail channels ([alerts]): routed by
// level, repeats summed up, every delivery written to the outbox before it is tried (and
// tried again after a restart), failed attempts retried with backoff, a channel in trouble
// said on the others, and a critical alert nobody acknowledges escalated to the next
// channel. A hanging or failing peer costs its own channel only: each channel has its own
// thread and a bounded queue, and nothing here ever waits for the engine or the console.
//
// Threads: construct, start() and stop() on one controlling thread. onAlert() and
// onAcknowledged() (api/AlertTap.h) are called on the engine thread: they take a mutex held
// only for a push or a swap, and return. send() and status() are thread safe. Inside: one
// dispatcher thread (owns the outbox, routing, repeats, escalation) and one thread per
// enabled channel (owns its AlertChannel). The trouble sink is called on the dispatcher
// thread.

#include "api/AlertTap.h"
#include "api/AlertsConfig.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

class AlertChannel;

/// What one channel has done since start(), for the health panel and `vigil alerts status`.
struct ChannelStatus {
    AlertChannelKind kind = AlertChannelKind::Webhook;
    std::uint64_t delivered = 0;
    std::uint64_t failed = 0;  ///< gave up after the retries (critical ones are tried again later)
    std::uint64_t dropped = 0; ///< non-critical, pushed out of a full queue
    std::uint64_t queued = 0;  ///< waiting now, the attempt under way included
    std::string lastError;     ///< the latest failure, empty once a later delivery succeeded
    std::int64_t lastDeliveredNs = 0;
    std::int64_t lastLatencyNs = 0; ///< raised to delivered, of the latest delivery
};

class AlertDispatcher final : public AlertTap {
public:
    struct Setup {
        AlertsConfig config;
        std::string outboxPath; ///< DATA_DIR/alert-outbox.sqlite
        std::string webhookToken;
        std::string smtpPassword;
    };
    explicit AlertDispatcher(Setup setup);
    /// For tests and benches: these channels in place of the configured ones.
    AlertDispatcher(Setup setup, std::vector<std::unique_ptr<AlertChannel>> channels);
    ~AlertDispatcher();
    AlertDispatcher(const AlertDispatcher &) = delete;
    AlertDispatcher &operator=(const AlertDispatcher &) = delete;

    /// Opens the outbox, queues what it still holds, starts the threads. Returns an empty
    /// string or why not (the outbox cannot be opened: nothing would survive a restart).
    std::string start();
    /// Gives the queues up to `grace` to empty, then ends the attempts under way; whatever is
    /// not delivered stays pending in the outbox for the next start.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3'000));

    void onAlert(const OutgoingAlert &alert) override;
    void onAcknowledged(std::uint64_t id, const std::string &actor) override;

    /// An alert from outside the engine (a test alert, the console's): routed by level, or
    /// to `only` when given.
    void send(OutgoingAlert alert, std::optional<AlertChannelKind> only = std::nullopt);

    std::vector<ChannelStatus> status() const;
    /// Told (on the dispatcher thread) when a channel fails or drops alerts, with the text
    /// also sent to the other channels: the console raises it as an alert of its own.
    void setTroubleSink(std::function<void(AlertSeverity, const std::string &)> sink);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil
