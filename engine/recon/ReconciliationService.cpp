#include "recon/ReconciliationService.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>

namespace vigil {

namespace {
constexpr const char *kSystemActor = "system (reconciliation)";

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}

ReconciliationService::ReconciliationService(ReconciliationHooks hooks, ReconciliationTimings timings,
                                             ReconciliationTolerance tolerance)
    : m_hooks(std::move(hooks))
    , m_timings(timings)
    , m_tolerance(tolerance)
{}

ReconciliationService::~ReconciliationService() { stop(); }

void ReconciliationService::start()
{
    if (m_thread.joinable())
        return;
    if (const auto s = m_hooks.snapshot())
        m_seenReconnects = s->brokerReconnects;
    m_thread = std::thread([this] { run(); });
}

void ReconciliationService::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    // Requests that never ran are answered, so no caller waits for ever.
    std::deque<Request> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_requests);
    }
    for (Request &r : left) {
        if (!r.done)
            continue;
        ReconciliationResult none;
        none.incompleteReason = "not run: vigil is stopping";
        CommandResult refused;
        refused.message = none.incompleteReason;
        r.done(none, refused);
    }
}

void ReconciliationService::request(std::string startedBy, std::string actor, Done done, int delayMs)
{
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back({std::move(startedBy), std::move(actor), std::move(done), nowMs() + delayMs});
    }
    m_wake.notify_all();
}

bool ReconciliationService::pause(int ms)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop; });
}

void ReconciliationService::run()
{
    while (true) {
        std::optional<Request> next;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(m_timings.pollMs), [this] {
                return m_stop || std::any_of(m_requests.begin(), m_requests.end(), [](const Request &r) {
                           return r.notBeforeMs <= nowMs();
                       });
            });
            if (m_stop)
                return;
            const auto due = std::find_if(m_requests.begin(), m_requests.end(),
                                          [](const Request &r) { return r.notBeforeMs <= nowMs(); });
            if (due != m_requests.end()) {
                next = std::move(*due);
                m_requests.erase(due);
            }
        }
        if (!next) {
            // Nothing asked: look at the snapshot for what starts a run by itself.
            if (!m_hooks.trading())
                continue;
            const std::shared_ptr<const Snapshot> s = m_hooks.snapshot();
            if (!s)
                continue;
            if (s->brokerReconnects > m_seenReconnects) {
                m_seenReconnects = s->brokerReconnects;
                next = Request{"broker reconnect", kSystemActor, {}, 0};
            } else if (s->reconciliation->unresolved() > 0
                       && std::any_of(s->reconciliation->differences.begin(), s->reconciliation->differences.end(),
                                      [](const ReconciliationDifferenceRow &d) {
                                          return d.status == ReconciliationDifferenceRow::Status::Resolving;
                                      })
                       && nowMs() - m_lastRunMs >= m_timings.confirmIntervalMs) {
                next = Request{"confirming a resolution", kSystemActor, {}, 0};
            } else if (s->phase == SessionPhase::Open && s->catchingUpTo.empty()
                       && (!m_hooks.periodic || m_hooks.periodic())
                       && (m_lastRunSessionTime == 0
                           || s->simTime - m_lastRunSessionTime >= m_timings.periodicSessionMs * kNsPerMs)
                       && nowMs() - m_lastRunMs >= m_timings.periodicWallMs) {
                next = Request{"periodic", kSystemActor, {}, 0};
            } else {
                continue;
            }
        }
        runOne(std::move(*next));
    }
}

void ReconciliationService::runOne(Request request)
{
    m_lastRunMs = nowMs();
    if (const std::shared_ptr<const Snapshot> s = m_hooks.snapshot(); s && s->simTime > 0)
        m_lastRunSessionTime = s->simTime;
    const bool trading = m_hooks.trading();
    auto look = [this] {
        const BrokerStatement statement = m_hooks.statement();
        const std::shared_ptr<const Snapshot> s = m_hooks.snapshot();
        return s ? reconcile(booksOf(*s), statement, m_tolerance) : ReconciliationResult{};
    };
    ReconciliationResult result = look();
    if (trading && !result.differences.empty()) {
        if (!pause(m_timings.confirmDelayMs))
            return;
        result = confirmed(result, look());
    }
    spdlog::log(result.clean() ? spdlog::level::info : spdlog::level::warn, "reconciliation ({}): {}",
                request.startedBy, summarize(result));
    if (!trading && !(m_hooks.started && m_hooks.started())) {
        CommandResult r;
        r.ok = true;
        r.message = "the session has not started: compared, not recorded";
        if (request.done)
            request.done(result, r);
        return;
    }
    cmd::RecordReconciliation c;
    c.actor = request.actor;
    c.reason = request.startedBy;
    c.startedBy = request.startedBy;
    c.result = std::make_shared<const ReconciliationResult>(result);
    m_hooks.command(std::move(c), [done = std::move(request.done), result](const CommandResult &r) {
        if (done)
            done(result, r);
    });
}

} // namespace vigil
