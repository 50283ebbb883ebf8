#pragma once
// A thread with an event loop for Alpaca's REST client (and whatever else the owner puts on
// it: the trade stream), and the two ways in from other threads: run() a function on it,
// or call() a request and wait for its answer. call() is what blocking readers use (the
// broker's records for reconciliation and the checklists, the venue's set-up before the
// engine starts); it must never run on the engine's thread.
//
// Threads: construction and destruction on the controlling thread; run(), call() and
// client() (to hand to code on the thread) from any thread; the client itself is used on
// its thread only.

#include "alpaca/RestClient.h"
#include "api/Config.h"

#include <QThread>

#include <atomic>

#include <functional>
#include <memory>

namespace vigil::alpaca {

class TradingThread {
public:
    TradingThread(const AlpacaVenueConfig &config, const BrokerKeyPair &keys, const char *name);
    ~TradingThread();
    TradingThread(const TradingThread &) = delete;
    TradingThread &operator=(const TradingThread &) = delete;

    /// Runs `fn` on the thread, soon; never waits.
    void run(std::function<void()> fn);
    /// Sends `request` and waits for its answer (at most the budget's wait plus the
    /// request's timeout; then an answer with status 0 saying so). Any thread but this one
    /// and the engine's.
    RestResponse call(RestRequest request) const;
    /// The client, for code running on the thread.
    RestClient &client() { return *m_client; }
    const RestClient &client() const { return *m_client; }
    QObject *context() { return m_client; }
    /// Stops the event loop and waits for the thread (the client is deleted on it). Twice is safe.
    void stop();

private:
    QThread m_thread;
    std::atomic<bool> m_stopped{false};
    RestClient *m_client = nullptr; ///< lives on m_thread; deleted there
    int m_waitMs;
};

} // namespace vigil::alpaca
