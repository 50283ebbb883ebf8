#pragma once
// Bounded lock-free single-producer/single-consumer queue between two threads, and the
// back-off a consumer uses while it is empty. Thread safe for exactly one producer thread
// and one consumer thread. Boost.Lockfree does the ring; this only names the policy.

#include <boost/lockfree/spsc_queue.hpp>

#include <chrono>
#include <cstddef>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace vigil {

template <typename T, std::size_t Capacity>
class SpscQueue {
public:
    /// Producer thread. False when full.
    bool tryPush(const T &value) { return m_ring.push(value); }
    /// Consumer thread. Pops up to `max` items into `out`; returns how many.
    std::size_t popBatch(T *out, std::size_t max) { return m_ring.pop(out, max); }
    bool tryPop(T &out) { return m_ring.pop(out); }
    /// Consumer thread.
    bool empty() { return m_ring.read_available() == 0; }

private:
    boost::lockfree::spsc_queue<T, boost::lockfree::capacity<Capacity>> m_ring;
};

/// Spin briefly, then yield, then sleep: low latency while busy, little CPU while idle.
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
