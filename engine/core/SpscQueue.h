#pragma once
// Bounded lock-free single-producer/single-consumer queue between two threads, and the
// back-off a consumer uses while it is empty. Thread safe for exactly one producer thread
// and one consumer thread. Boost.Lockfree does the ring; this only names the policy.

#include <boost/lockfree/spsc_queue.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace vigil {

template<typename T, std::size_t Capacity> class SpscQueue {
public:
    /// Producer thread. False when full.
    bool tryPush(const T &value) { return m_ring.push(value); }
    /// Consumer thread. Pops up to `max` items into `out`; returns how many.
    std::size_t popBatch(T *out, std::size_t max) { return m_ring.pop(out, max); }
    bool tryPop(T &out) { return m_ring.pop(out); }
    /// Consumer thread.
    bool empty() { return m_ring.read_available() == 0; }
    /// Consumer thread: the oldest item, which must exist (check empty() first).
    const T &front() { return m_ring.front(); }
    /// Consumer thread: drops the oldest item.
    void pop() { m_ring.pop(); }
    /// Producer thread: free slots.
    std::size_t writeAvailable() { return m_ring.write_available(); }

private:
    boost::lockfree::spsc_queue<T, boost::lockfree::capacity<Capacity>> m_ring;
};

/// Lets a consumer sleep while its queue is empty and its producer wake it. The producer
/// pays one fence and one load per push; the mutex is touched only when the consumer is
/// actually asleep. Thread safe for one producer and one consumer.
class Doorbell {
public:
    /// Producer thread, after each push.
    void ring()
    {
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (m_sleeping.load(std::memory_order_relaxed)) {
            std::lock_guard lock(m_mutex);
            m_wakeCondition.notify_one();
        }
    }

    /// Consumer thread: sleeps until `ready()` holds or `timeout` passes.
    template<typename Ready> void sleepUntil(Ready ready, std::chrono::microseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        m_sleeping.store(true, std::memory_order_seq_cst);
        if (!ready())
            m_wakeCondition.wait_for(lock, timeout, ready);
        m_sleeping.store(false, std::memory_order_relaxed);
    }

private:
    std::atomic<bool> m_sleeping{false};
    std::mutex m_mutex;
    std::condition_variable m_wakeCondition;
};

/// Spin briefly, then yield, then sleep: low latency while busy, little CPU while idle.
/// For waits with no doorbell (a full queue, which the other side is already draining).
class Backoff {
public:
    void reset() { m_round = 0; }
    void pause()
    {
        ++m_round;
        if (m_round < 64) {
#if defined(__x86_64__) || defined(__i386__)
            _mm_pause();
#endif
        } else if (m_round < 2048) {
            std::this_thread::yield();
        } else {
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    }

private:
    unsigned m_round = 0;
};

} // namespace vigil
