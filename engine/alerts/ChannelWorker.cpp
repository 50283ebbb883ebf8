#include "alerts/ChannelWorker.h"

#include "api/Time.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace vigil {

ChannelWorker::ChannelWorker(std::unique_ptr<AlertChannel> channel, std::size_t capacity, int retries, Report report)
    : m_channel(std::move(channel))
    , m_kind(m_channel->kind())
    , m_capacity(std::max<std::size_t>(capacity, 1))
    , m_retries(retries)
    , m_report(std::move(report))
{}

ChannelWorker::~ChannelWorker()
{
    if (m_thread.joinable())
        stop(std::chrono::steady_clock::now());
}

void ChannelWorker::start()
{
    m_thread = std::thread([this] { run(); });
}

void ChannelWorker::push(DeliveryJob job)
{
    std::optional<DeliveryJob> dropped;
    {
        std::lock_guard lock(m_mutex);
        bool admitted = true;
        if (m_queue.size() >= m_capacity) {
            // Room is made by the oldest non-critical job; a critical one always gets in.
            const auto oldest = std::find_if(m_queue.begin(), m_queue.end(), [](const DeliveryJob &j) {
                return j.alert.severity != AlertSeverity::Critical;
            });
            if (oldest != m_queue.end()) {
                dropped = std::move(*oldest);
                m_queue.erase(oldest);
            } else if (job.alert.severity != AlertSeverity::Critical) {
                admitted = false;
            }
        }
        if (admitted)
            m_queue.push_back(std::move(job));
        else
            dropped = std::move(job);
    }
    m_wake.notify_one();
    if (dropped)
        m_report({m_kind, std::move(*dropped), DeliveryState::Dropped,
                  "the queue was full (" + std::to_string(m_capacity) + ")", utcNowNs()});
}

std::size_t ChannelWorker::queued() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size() + (m_busy ? 1 : 0);
}

void ChannelWorker::stop(std::chrono::steady_clock::time_point deadline)
{
    if (!m_thread.joinable())
        return;
    std::unique_lock lock(m_mutex);
    m_draining = true;
    m_wake.notify_all();
    if (!m_done.wait_until(lock, deadline, [this] { return m_finished; })) {
        m_aborted = true;
        m_channel->abort(); // the attempt under way ends within about a second
        m_wake.notify_all();
    }
    lock.unlock();
    m_thread.join();
}

void ChannelWorker::run()
{
    for (;;) {
        DeliveryJob job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_draining || m_aborted; });
            if (m_aborted || m_queue.empty())
                break; // what is still queued stays pending in the outbox
            job = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        deliver(std::move(job));
        std::lock_guard lock(m_mutex);
        m_busy = false;
    }
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_done.notify_all();
}

void ChannelWorker::deliver(DeliveryJob job)
{
    std::chrono::seconds backoff{1};
    for (int attempt = 0;; ++attempt) {
        const std::string error = m_channel->send(job.alert);
        ++job.attempts;
        if (error.empty()) {
            m_report({m_kind, std::move(job), DeliveryState::Delivered, {}, utcNowNs()});
            return;
        }
        std::unique_lock lock(m_mutex);
        if (m_aborted) {
            lock.unlock();
            m_report({m_kind, std::move(job), DeliveryState::Pending, error, utcNowNs()});
            return;
        }
        if (attempt >= m_retries) {
            lock.unlock();
            m_report({m_kind, std::move(job), DeliveryState::Failed, error, utcNowNs()});
            return;
        }
        m_wake.wait_for(lock, backoff, [this] { return m_aborted; });
        backoff = std::min(backoff * 2, std::chrono::seconds(30));
    }
}

} // namespace vigil
