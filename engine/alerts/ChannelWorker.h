#pragma once
// One channel's delivery thread: a bounded queue of jobs, each tried until delivered or
// out of retries (1, 2, 4 ... s apart), and every outcome reported. Critical alerts are
// never dropped from the queue; when it is full, the oldest non-critical job makes room.
//
// Threads: push(), queued() and stop() from the dispatcher's thread (stop() from the
// controlling thread once the dispatcher no longer pushes); the report callback runs on
// this worker's thread.

#include "alerts/AlertOutbox.h"
#include "api/AlertChannel.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace vigil {

struct DeliveryJob {
    std::int64_t row = 0; ///< in the outbox
    OutgoingAlert alert;
    int attempts = 0; ///< made before this job was queued (a restart's carry over)
};

struct DeliveryResult {
    AlertChannelKind channel = AlertChannelKind::Webhook;
    DeliveryJob job;
    DeliveryState state = DeliveryState::Pending; ///< Pending: stopped before an outcome
    std::string error;
    std::int64_t settledNs = 0;
};

class ChannelWorker {
public:
    using Report = std::function<void(DeliveryResult)>;
    ChannelWorker(std::unique_ptr<AlertChannel> channel, std::size_t capacity, int retries, Report report);
    ~ChannelWorker();
    ChannelWorker(const ChannelWorker &) = delete;
    ChannelWorker &operator=(const ChannelWorker &) = delete;

    AlertChannelKind kind() const { return m_kind; }
    void start();
    void push(DeliveryJob job);
    std::size_t queued() const;
    /// Lets the queue empty until `deadline`, then ends the attempt under way and returns.
    void stop(std::chrono::steady_clock::time_point deadline);

private:
    void run();
    void deliver(DeliveryJob job);

    std::unique_ptr<AlertChannel> m_channel;
    const AlertChannelKind m_kind;
    const std::size_t m_capacity;
    const int m_retries;
    Report m_report;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<DeliveryJob> m_queue;
    bool m_busy = false;
    bool m_draining = false;
    bool m_aborted = false;
    bool m_finished = false;
    std::condition_variable m_done;
    std::thread m_thread;
};

} // namespace vigil
