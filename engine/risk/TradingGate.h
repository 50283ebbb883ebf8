#pragma once
// The trading state as the order path reads it before every send: one atomic that any
// thread may tighten (api/Commands.h says which commands do), with the handshake that
// makes a stricter state hold for every order not yet handed over. Any thread.

#include "api/TradingState.h"

#include <atomic>
#include <cstdint>

namespace vigil {

/// The atomic trading state. Any thread.
///
/// A strategy's order is sent inside a SendWindow: the engine thread opens it, reads the
/// state one last time, hands the order over and closes it. move() returns only once no
/// window that could have read the old state is still open, so when a stricter move
/// returns, no order decided under the old state can still leave. Both sides use
/// sequentially consistent operations (a Dekker handshake): either the window's last read
/// sees the new state, or move() sees the window open and waits the few hundred
/// nanoseconds until the order is handed over.
class TradingGate {
public:
    TradingState state() const { return m_state.load(std::memory_order_seq_cst); }

    /// Sets the state only if it is still `expected`; false if another thread moved it first.
    /// After a successful move, waits until no send that read the old state is in progress.
    bool move(TradingState expected, TradingState to)
    {
        if (!m_state.compare_exchange_strong(expected, to, std::memory_order_seq_cst))
            return false;
        waitForSends();
        return true;
    }
    /// Engine thread, restoring a state from the journal before anything runs.
    void reset(TradingState s) { m_state.store(s, std::memory_order_seq_cst); }

    /// Engine thread: brackets the last read of the state and the hand-over of one order.
    class SendWindow {
    public:
        explicit SendWindow(TradingGate &gate)
            : m_gate(gate)
        {
            m_gate.m_sending.store(true, std::memory_order_seq_cst);
        }
        ~SendWindow() { m_gate.m_sending.store(false, std::memory_order_release); }
        SendWindow(const SendWindow &) = delete;
        SendWindow &operator=(const SendWindow &) = delete;

    private:
        TradingGate &m_gate;
    };

    /// Engine thread, inside a SendWindow: one more order passed the last read and left.
    void countLetThrough()
    {
        m_letThrough.store(m_letThrough.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }
    /// Any thread: how many strategy orders the gate let through. Once a stricter move has
    /// returned, it stays where it was until trading is loosened again.
    std::uint64_t letThrough() const { return m_letThrough.load(std::memory_order_acquire); }

private:
    void waitForSends() const;

    std::atomic<TradingState> m_state{TradingState::Active};
    std::atomic<bool> m_sending{false};
    std::atomic<std::uint64_t> m_letThrough{0};
};

} // namespace vigil
