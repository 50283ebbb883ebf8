#pragma once
// The adapter's trading side, on the venue's trading thread: the engine's requests become
// REST calls, Alpaca's answers and trade updates become execution reports (through the
// OrderTracker), and the trade stream's health becomes the broker's status and link
// events. See AlpacaVenue.h for the rules it keeps (never an order sent blindly twice, a
// fill booked once, catching up after a gap before the broker is reported up).
//
// Threads: constructed on the controlling thread, then moved to the trading thread; every
// member function runs there (the venue reaches it through TradingThread::run()).

#include "alpaca/AlpacaVenue.h"
#include "alpaca/CloseAllocation.h"
#include "alpaca/OrderTracker.h"
#include "alpaca/RestClient.h"

#include <QObject>

#include <deque>
#include <functional>
#include <unordered_map>
#include <unordered_set>

class QTimer;

namespace vigil::alpaca {

class TradeStream;

class TradingSide : public QObject {
public:
    TradingSide(AlpacaLink &link, RestClient &rest, const AlpacaVenueConfig &config, const BrokerKeyPair &keys,
                UniverseAtStart universe, SessionWindow session);
    ~TradingSide() override;

    /// Before start(): the orders a restart found working, as the engine took them back.
    void resume(const std::vector<BrokerOrder> &working);
    /// Opens the trade stream and starts the clock poll and the gap sweep.
    void start();
    /// Closes the stream and stops the timers.
    void stop();
    /// Takes the engine's requests from the link's queue and sends them.
    void drainRequests();
    /// Whether the stream is listening and caught up (links()). Any thread.
    LinkState streamState() const;
    std::uint32_t streamReconnects() const; ///< any thread
    /// Drops the trade stream now (tests).
    void dropStreamForTest();

private:
    static constexpr int kMaxBulkRetries = 5;           ///< rounds of retrying a bulk request's failed items
    static constexpr std::size_t kUnclaimedKept = 1024; ///< m_unclaimed's length

    struct Placed {
        EngineMessage message;
        int attempts = 0;      ///< POSTs sent
        bool answered = false; ///< Alpaca told us it has the order (or refused it)
    };

    /// Sends `request`, counted in the link's inFlight until `answered` ran (the venue is
    /// finished only when nothing is in flight).
    void sendCounted(RestRequest request, std::function<void(const RestResponse &)> answered);
    void submit(const EngineMessage &m);
    /// Why `m` must not go to Alpaca (an untradable symbol, a short sale of one it does not
    /// lend), or None.
    RejectReason refusalOf(const EngineMessage &m) const;
    /// Follows the account's position from the fills going to the engine.
    void notePositions(const std::vector<ExecReport> &reports);
    void post(OrderId id);
    void lookUp(OrderId id);
    void cancel(OrderId id, Priority priority);
    void settleRefusedCancel(OrderId id); ///< after a 422: what the order became, from Alpaca
    /// Observes every order submitted after `since`, page by page, then calls `then` with
    /// how many were read. A page that fails is asked again.
    void observeOrdersSince(SimTime since, std::function<void(std::int32_t)> then, std::int32_t read = 0);
    /// Where reading what changed during a gap from `gapStart` on begins: Alpaca's `after`
    /// selects by submission time, so it reaches back to the oldest order still working.
    SimTime catchUpFrom(SimTime gapStart) const;
    void cancelAll();
    void retryBulkItems(std::vector<std::string> ids, int round);

    // The close-all (TradingSideClose.cpp).
    using Members = std::vector<CloseAllocation::Member>;
    /// The batch of closing orders the engine just sent, as one DELETE /v2/positions.
    void closeAll();
    /// Reads the close-all's answer: each symbol's closing order adopted, failed items
    /// retried, symbols Alpaca held nothing of settled.
    void closeAllAnswered(const RestResponse &r, const Members &batch, SimTime sentAt);
    /// One symbol's members again, as DELETE /v2/positions/{symbol} (a failed item).
    void closeSymbol(Members members, int round);
    /// Alpaca's closing order `order` is what `members` share from here on.
    void adoptClosing(const Members &members, const WireOrder &order);
    /// A close whose answer was lost or refused: the closing orders Alpaca made since
    /// `sentAt` are found and adopted; the members of symbols without one go to `notFound`
    /// (a close is never sent again before Alpaca was asked what the last one did).
    void findClosing(Members members, SimTime sentAt, std::function<void(Members)> notFound);
    /// Members of a symbol Alpaca holds no position in: books that net to zero close each
    /// order alone; anything else is a difference the close cannot settle (refused).
    void closeWithoutPosition(const Members &members);
    void refuseMembers(const Members &members, RejectReason reason);
    void onUpdate(const WireUpdate &update);
    void onListening();
    void onDown(int attempt);
    void catchUp(SimTime since);
    void fetchFills(SimTime since, std::string pageToken, int fetched);
    void pollClock();
    void sweepGaps();

    void observe(const WireOrder &order);
    void deliver(std::vector<ExecReport> &reports, SimTime stamp);
    void push(VenueMessage message, SimTime stamp);
    void pushStatus(ComponentStatus status);
    void pushLink(LinkEventKind kind, std::int32_t detail);
    SimTime now() const;
    void publishWorking();

    AlpacaLink &m_link;
    RestClient &m_rest;
    AlpacaVenueConfig m_config;
    BrokerKeyPair m_keys;
    std::vector<std::string> m_universe;
    std::vector<bool> m_tradable;      ///< by SymbolId
    std::vector<bool> m_shortable;     ///< by SymbolId
    std::vector<Quantity> m_positions; ///< by SymbolId: the account's, signed
    SessionWindow m_session;
    OrderTracker m_tracker;
    CloseAllocation m_closing;
    TradeStream *m_stream; ///< made with the side, so that any thread may read its state
    QTimer *m_clockTimer;
    QTimer *m_gapTimer;
    QTimer *m_keepAlive;
    std::unordered_map<OrderId, Placed> m_placed;
    std::unordered_set<OrderId> m_cancelWhenKnown; ///< cancels asked before Alpaca's id was known
    /// The latest trade updates of orders not (yet) ours, oldest first: a close-all's closing
    /// orders are Alpaca's own, and their first updates may come before the answer that names
    /// them (adoptClosing() takes theirs back from here).
    std::deque<WireUpdate> m_unclaimed;
    bool m_listenedOnce = false;
    bool m_brokerDown = false;
    bool m_fetchingFills = false;
    std::vector<std::function<void()>> m_afterFills; ///< what waits for the fill activities being read
    SimTime m_lastUpdateAt = 0;                      ///< the latest trade update's stamp: a catch-up starts before it
    SimTime m_downSince = 0;
    SimTime m_startedAt = 0; ///< the broker's time at start(): a first listen after a failure catches up from it
    std::uint64_t m_seq = 0;
};

} // namespace vigil::alpaca
