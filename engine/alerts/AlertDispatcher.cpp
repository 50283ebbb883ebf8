#include "api/AlertDispatcher.h"

#include "alerts/AlertOutbox.h"
#include "alerts/ChannelWorker.h"
#include "api/AlertChannel.h"
#include "api/Time.h"
#include "core/EngineText.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>

namespace vigil {

namespace {

using Clock = std::chrono::steady_clock;

struct Acknowledged {
    std::uint64_t id = 0;
};
/// An alert for one channel only (a test alert, a notice about another channel).
struct Directed {
    OutgoingAlert alert;
    std::optional<AlertChannelKind> only;
};
using Event = std::variant<OutgoingAlert, Acknowledged, Directed>;

/// A critical alert waiting for its acknowledgement.
struct Escalation {
    OutgoingAlert alert;
    Clock::time_point due;
    std::vector<AlertChannelKind> reached;
};

/// An alert raised again after it went out: its latest count, summed up now and then.
struct Repeats {
    OutgoingAlert latest;
    std::uint32_t sent = 1; ///< the count the channels last heard
    Clock::time_point due;
};

/// Failures and drops of one channel since the other channels last heard of them.
struct Trouble {
    std::uint64_t failed = 0;
    std::uint64_t dropped = 0;
    std::string lastError;
    std::vector<std::string> criticalLines; ///< critical alerts it could not deliver
    Clock::time_point quietUntil{};
};

constexpr std::chrono::seconds kCriticalRetry{60};
/// The source of this delivery's own notices (a channel in trouble).
constexpr std::string_view kDeliverySource = "alerts";

} // namespace

struct AlertDispatcher::Impl {
    Setup setup;
    std::vector<std::unique_ptr<AlertChannel>> channels; ///< until start() hands them to workers
    std::vector<std::unique_ptr<ChannelWorker>> workers;
    AlertOutbox outbox;

    std::mutex mutex; ///< guards inbox, results, stopping (held for a push or a swap only)
    std::condition_variable wake;
    std::vector<Event> inbox;
    std::vector<DeliveryResult> results;
    bool stopping = false;
    std::thread thread;

    mutable std::mutex statusMutex; ///< guards statuses and troubleSink
    std::vector<ChannelStatus> statuses;
    std::function<void(AlertSeverity, const std::string &)> troubleSink;

    // The dispatcher thread's own.
    std::map<std::uint64_t, Escalation> unacknowledged;
    std::map<std::uint64_t, Repeats> repeats;
    std::map<AlertChannelKind, Trouble> trouble;
    std::vector<std::pair<Clock::time_point, std::pair<AlertChannelKind, DeliveryJob>>> retryLater;

    explicit Impl(Setup s)
        : setup(std::move(s))
    {}

    ChannelWorker *worker(AlertChannelKind kind)
    {
        for (auto &w : workers)
            if (w->kind() == kind)
                return w.get();
        return nullptr;
    }

    const std::vector<int> &levelsOf(AlertChannelKind kind) const
    {
        return kind == AlertChannelKind::Email ? setup.config.email.levels : setup.config.webhook.levels;
    }

    void post(Event event)
    {
        {
            std::lock_guard lock(mutex);
            inbox.push_back(std::move(event));
        }
        wake.notify_one();
    }

    void queue(AlertChannelKind kind, const OutgoingAlert &alert)
    {
        ChannelWorker *w = worker(kind);
        if (!w)
            return;
        const std::int64_t row = outbox.add(kind, alert);
        if (row == 0)
            spdlog::error("alert outbox: {}; the alert is sent but would not survive a restart", outbox.lastError());
        w->push(DeliveryJob{row, alert, 0});
    }

    /// To every channel routed for its level; returns the channels it went to.
    std::vector<AlertChannelKind> route(const OutgoingAlert &alert)
    {
        std::vector<AlertChannelKind> to;
        for (auto &w : workers) {
            const std::vector<int> &levels = levelsOf(w->kind());
            if (std::find(levels.begin(), levels.end(), alertLevel(alert.severity)) != levels.end()) {
                queue(w->kind(), alert);
                to.push_back(w->kind());
            }
        }
        return to;
    }

    void handle(const Event &event, Clock::time_point now)
    {
        if (const auto *ack = std::get_if<Acknowledged>(&event)) {
            unacknowledged.erase(ack->id);
            return;
        }
        if (const auto *directed = std::get_if<Directed>(&event)) {
            if (directed->only)
                queue(*directed->only, directed->alert);
            else
                route(directed->alert);
            return;
        }
        const auto &alert = std::get<OutgoingAlert>(event);
        if (alert.source == kDeliverySource)
            return;            // this delivery's own notice, raised in the console: it went out already
        if (alert.count > 1) { // a repeat: summed up, not sent again at once
            auto [it, fresh] = repeats.try_emplace(alert.id);
            it->second.latest = alert;
            if (fresh)
                it->second.due = now + std::chrono::seconds(setup.config.repeatSummarySeconds);
            return;
        }
        const std::vector<AlertChannelKind> reached = route(alert);
        if (alert.severity == AlertSeverity::Critical && setup.config.escalateAfterSeconds > 0)
            unacknowledged[alert.id] =
                Escalation{alert, now + std::chrono::seconds(setup.config.escalateAfterSeconds), reached};
    }

    void settle(DeliveryResult r)
    {
        const bool critical = r.job.alert.severity == AlertSeverity::Critical;
        // A critical alert is never given up: it stays pending and is tried again later.
        const DeliveryState state = r.state == DeliveryState::Failed && critical ? DeliveryState::Pending : r.state;
        outbox.settle(r.job.row, state, r.job.attempts, r.error);
        {
            std::lock_guard lock(statusMutex);
            for (ChannelStatus &s : statuses) {
                if (s.kind != r.channel)
                    continue;
                if (r.state == DeliveryState::Delivered) {
                    ++s.delivered;
                    s.lastError.clear();
                    s.lastDeliveredNs = r.settledNs;
                    s.lastLatencyNs = r.settledNs - r.job.alert.raisedNs;
                } else if (r.state == DeliveryState::Failed) {
                    ++s.failed;
                    s.lastError = r.error;
                } else if (r.state == DeliveryState::Dropped) {
                    ++s.dropped;
                }
            }
        }
        if (r.state == DeliveryState::Delivered || r.state == DeliveryState::Pending)
            return;
        Trouble &t = trouble[r.channel];
        if (r.state == DeliveryState::Failed) {
            ++t.failed;
            t.lastError = r.error;
            spdlog::warn("alert not delivered by {}: {}", toString(r.channel), r.error);
        } else {
            ++t.dropped;
        }
        if (critical) {
            t.criticalLines.push_back(alertLine(r.job.alert));
            retryLater.emplace_back(Clock::now() + kCriticalRetry, std::make_pair(r.channel, std::move(r.job)));
        }
    }

    /// Says each channel's trouble on the others, at most once a summary period each.
    void reportTrouble(Clock::time_point now)
    {
        for (auto &[kind, t] : trouble) {
            if ((t.failed == 0 && t.dropped == 0) || now < t.quietUntil)
                continue;
            OutgoingAlert notice;
            notice.severity = t.criticalLines.empty() ? AlertSeverity::Warning : AlertSeverity::Critical;
            notice.source = std::string(kDeliverySource);
            notice.raisedNs = utcNowNs();
            notice.note = engineTr("Alerts", "delivery trouble");
            std::string text;
            if (t.failed > 0)
                text = engineTr("Alerts", "%1 alert(s) could not be delivered by the %2 channel: %3")
                           .arg(std::to_string(t.failed), std::string(toString(kind)), t.lastError);
            if (t.dropped > 0)
                text += std::string(text.empty() ? "" : "; ")
                        + engineTr("Alerts", "%1 alert(s) were dropped from the %2 channel's full queue")
                              .arg(std::to_string(t.dropped), std::string(toString(kind)));
            for (const std::string &line : t.criticalLines)
                text += "\n" + engineTr("Alerts", "undelivered: %1").arg(line);
            notice.message = text;
            std::function<void(AlertSeverity, const std::string &)> sink;
            {
                std::lock_guard lock(statusMutex);
                sink = troubleSink;
            }
            // Straight to the other channels, whatever their levels: they are where a person
            // learns that this one is not working. The console hears of it through the sink.
            for (auto &w : workers)
                if (w->kind() != kind)
                    queue(w->kind(), notice);
            if (sink)
                sink(notice.severity, text);
            t = Trouble{};
            t.quietUntil = now + std::chrono::seconds(setup.config.repeatSummarySeconds);
        }
    }

    void runTimers(Clock::time_point now)
    {
        for (auto it = repeats.begin(); it != repeats.end();) {
            Repeats &r = it->second;
            if (now < r.due) {
                ++it;
                continue;
            }
            if (r.latest.count <= r.sent) { // quiet for a whole period: done
                it = repeats.erase(it);
                continue;
            }
            OutgoingAlert summary = r.latest;
            summary.note = engineTr("Alerts", "repeated");
            route(summary);
            r.sent = r.latest.count;
            r.due = now + std::chrono::seconds(setup.config.repeatSummarySeconds);
            ++it;
        }
        for (auto it = unacknowledged.begin(); it != unacknowledged.end();) {
            Escalation &e = it->second;
            if (now < e.due) {
                ++it;
                continue;
            }
            const auto next =
                std::find_if(setup.config.escalation.begin(), setup.config.escalation.end(), [&](AlertChannelKind k) {
                    return worker(k) != nullptr && std::find(e.reached.begin(), e.reached.end(), k) == e.reached.end();
                });
            if (next == setup.config.escalation.end()) {
                it = unacknowledged.erase(it);
                continue;
            }
            OutgoingAlert escalated = e.alert;
            escalated.note = engineTr("Alerts", "escalated, not acknowledged for %1 s")
                                 .arg(std::to_string(setup.config.escalateAfterSeconds));
            queue(*next, escalated);
            e.reached.push_back(*next);
            e.due = now + std::chrono::seconds(setup.config.escalateAfterSeconds);
            ++it;
        }
        for (auto it = retryLater.begin(); it != retryLater.end();) {
            if (now < it->first) {
                ++it;
                continue;
            }
            if (ChannelWorker *w = worker(it->second.first))
                w->push(std::move(it->second.second));
            it = retryLater.erase(it);
        }
        reportTrouble(now);
    }

    Clock::time_point nextDue(Clock::time_point now) const
    {
        Clock::time_point next = now + std::chrono::seconds(1);
        for (const auto &[id, r] : repeats)
            next = std::min(next, r.due);
        for (const auto &[id, e] : unacknowledged)
            next = std::min(next, e.due);
        return next;
    }

    void run()
    {
        for (;;) {
            std::vector<Event> events;
            std::vector<DeliveryResult> settled;
            bool last = false;
            {
                std::unique_lock lock(mutex);
                wake.wait_until(lock, nextDue(Clock::now()),
                                [this] { return stopping || !inbox.empty() || !results.empty(); });
                events.swap(inbox);
                settled.swap(results);
                last = stopping;
            }
            const Clock::time_point now = Clock::now();
            outbox.begin();
            for (DeliveryResult &r : settled)
                settle(std::move(r));
            for (const Event &e : events)
                handle(e, now);
            if (!last)
                runTimers(now);
            outbox.commit();
            if (last)
                return;
        }
    }
};

AlertDispatcher::AlertDispatcher(Setup setup)
    : m_impl(std::make_unique<Impl>(std::move(setup)))
{
    const AlertsConfig &c = m_impl->setup.config;
    if (c.webhook.enabled)
        m_impl->channels.push_back(makeWebhookChannel(c.webhook, m_impl->setup.webhookToken));
    if (c.email.enabled)
        m_impl->channels.push_back(makeEmailChannel(c.email, m_impl->setup.smtpPassword));
}

AlertDispatcher::AlertDispatcher(Setup setup, std::vector<std::unique_ptr<AlertChannel>> channels)
    : m_impl(std::make_unique<Impl>(std::move(setup)))
{
    m_impl->channels = std::move(channels);
}

AlertDispatcher::~AlertDispatcher() { stop(std::chrono::milliseconds(0)); }

std::string AlertDispatcher::start()
{
    Impl &d = *m_impl;
    if (d.thread.joinable())
        return {};
    if (std::string error = d.outbox.open(d.setup.outboxPath); !error.empty())
        return engineTr("Alerts", "the alert outbox %1 cannot be used: %2").arg(d.setup.outboxPath, error);
    for (auto &channel : d.channels) {
        ChannelStatus status;
        status.kind = channel->kind();
        d.statuses.push_back(status);
        d.workers.push_back(std::make_unique<ChannelWorker>(std::move(channel),
                                                            static_cast<std::size_t>(d.setup.config.queueCapacity),
                                                            d.setup.config.retries, [impl = &d](DeliveryResult r) {
                                                                {
                                                                    std::lock_guard lock(impl->mutex);
                                                                    impl->results.push_back(std::move(r));
                                                                }
                                                                impl->wake.notify_one();
                                                            }));
    }
    d.channels.clear();
    // What the last run left undelivered goes first, to the channel it was meant for.
    const std::vector<AlertOutbox::Row> pending = d.outbox.pending();
    for (const AlertOutbox::Row &row : pending) {
        if (ChannelWorker *w = d.worker(row.channel))
            w->push(DeliveryJob{row.id, row.alert, row.attempts});
        else // that channel is no longer configured: nothing will send it
            d.outbox.settle(
                row.id, DeliveryState::Failed, row.attempts,
                engineTr("Alerts", "the %1 channel is no longer configured").arg(std::string(toString(row.channel))));
    }
    if (!pending.empty())
        spdlog::info("alerts: {} undelivered alert(s) from the last run queued again", pending.size());
    for (auto &w : d.workers)
        w->start();
    d.thread = std::thread([impl = &d] { impl->run(); });
    return {};
}

void AlertDispatcher::stop(std::chrono::milliseconds grace)
{
    Impl &d = *m_impl;
    if (!d.thread.joinable())
        return;
    // The channels first, while the dispatcher still records their outcomes.
    const Clock::time_point deadline = Clock::now() + grace;
    for (auto &w : d.workers)
        w->stop(deadline);
    {
        std::lock_guard lock(d.mutex);
        d.stopping = true;
    }
    d.wake.notify_one();
    d.thread.join();
}

void AlertDispatcher::onAlert(const OutgoingAlert &alert) { m_impl->post(alert); }

void AlertDispatcher::onAcknowledged(std::uint64_t id, const std::string &) { m_impl->post(Acknowledged{id}); }

void AlertDispatcher::send(OutgoingAlert alert, std::optional<AlertChannelKind> only)
{
    m_impl->post(Directed{std::move(alert), only});
}

std::vector<ChannelStatus> AlertDispatcher::status() const
{
    std::vector<ChannelStatus> out;
    {
        std::lock_guard lock(m_impl->statusMutex);
        out = m_impl->statuses;
    }
    for (ChannelStatus &s : out)
        for (const auto &w : m_impl->workers)
            if (w->kind() == s.kind)
                s.queued = w->queued();
    return out;
}

void AlertDispatcher::setTroubleSink(std::function<void(AlertSeverity, const std::string &)> sink)
{
    std::lock_guard lock(m_impl->statusMutex);
    m_impl->troubleSink = std::move(sink);
}

} // namespace vigil
