#pragma once
// Alpaca (paper or live) behind the venue seam (api/Venue.h): the engine's orders go to
// Alpaca's trading API, its reports come from the trade_updates stream, its market data
// from the data stream (MarketDataClient), the broker's records from the REST API.
//
// Time is the broker's: messages are stamped with Alpaca's timestamps and now() follows
// the latest of them and of Alpaca's clock (GET /v2/clock, polled), so the session's marks
// (its open, close and seconds, made by the engine from the calendar: VenueClock::Wall
// with this venue's now()) follow a server that runs a simulated day faster than real
// time as well as Alpaca's real one.
//
// Orders: POST /v2/orders with the engine's client order id. A request that timed out, met
// a network error or a 5xx may or may not have reached Alpaca: the order is then looked up
// by its client order id first and sent again only when Alpaca says it does not have it
// (and Alpaca refuses a second order with the same id, 422, which is read as "it has it").
// Cancels are DELETE /v2/orders/{id}; the kill switch's cancel-all is one DELETE
// /v2/orders whose 207 is read item by item, failed items retried one by one; a flatten of
// everything is one DELETE /v2/positions (CloseAllocation shares Alpaca's netted closing
// orders out among the books' own), failed items retried symbol by symbol. Fills are
// booked once each (OrderTracker). After the trade stream comes back, the orders changed
// during the gap are fetched (and their FILL activities where executions are missing)
// before the broker is reported up again, so the engine reconciles before it trades.
//
// Threads: as Venue. Two threads of its own: the trading thread (REST, trade stream, the
// order tracker) and the market data thread (MarketDataClient); each hands messages to the
// engine through its own lock-free queue and rings engineBell().

#include "alpaca/ClosingOrders.h"
#include "alpaca/MarketDataClient.h"
#include "alpaca/TradingThread.h"
#include "api/BrokerKeys.h"
#include "api/Config.h"
#include "api/Venue.h"
#include "core/SpscQueue.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vigil::alpaca {

class TradingSide;
class MarketDataSide;

constexpr std::size_t kVenueQueueSize = 1 << 16;
using VenueQueue = SpscQueue<VenueMessage, kVenueQueueSize>;
using RequestQueue = SpscQueue<EngineMessage, 1 << 14>;

/// What the venue read of its universe at Alpaca before the start, by SymbolId.
struct UniverseAtStart {
    std::vector<std::string> symbols;
    std::vector<bool> tradable;      ///< Alpaca trades it
    std::vector<bool> shortable;     ///< Alpaca lends it: it may be sold short
    std::vector<Quantity> positions; ///< the account's signed position then
};

/// What the engine side and the venue's threads share.
struct AlpacaLink {
    Doorbell engineBell;
    VenueQueue broker;      ///< trading thread -> engine
    MarketDataQueue market; ///< market data thread -> engine
    RequestQueue requests;  ///< engine -> trading thread
    std::atomic<bool> requestsScheduled{false};
    std::atomic<std::int64_t> clockAt{0};     ///< Alpaca's clock at the last poll (SimTime)
    std::atomic<std::int64_t> clockWallNs{0}; ///< ... and our wallNowNs() then
    std::atomic<std::int64_t> latestStamp{0}; ///< the latest message stamp seen
    std::atomic<std::int32_t> working{0};     ///< our orders not yet terminal at Alpaca
    std::atomic<std::int32_t> inFlight{0};    ///< requests sent and not answered
    /// The close-alls' closing orders (the trading thread's), for the broker's statement.
    std::shared_ptr<ClosingOrders> closingOrders = std::make_shared<ClosingOrders>();
};

class AlpacaVenue final : public Venue {
public:
    /// Connects to Alpaca and reads what the session needs before the engine starts: the
    /// calendar of `sessionDate`, the clock, the universe's assets. Throws
    /// std::runtime_error with a clear reason when Alpaca cannot be reached, refuses the
    /// keys, or the configuration does not match the account.
    AlpacaVenue(const Config &config, const Date &sessionDate, BrokerKeyPair keys);
    ~AlpacaVenue() override;

    VenueClock clock() const override { return VenueClock::Wall; }
    SimTime now() const override;
    SessionWindow sessionOf(const Date &date) const override;

    std::string openRecords(const std::string &path) override;
    std::shared_ptr<const BrokerRecords> records() const override { return m_records; }
    SimTime lastActivity(const std::string &sessionDate) const override;
    std::string ordersOfDay(const std::string &sessionDate, std::vector<BrokerOrder> &out) const override;
    void resumeAt(SimTime) override {}
    void resumeWorking(const std::vector<BrokerOrder> &working) override { m_resumed = working; }
    std::string syncRecords() const override { return {}; } // Alpaca keeps its own records

    Doorbell &engineBell() override { return m_link.engineBell; }
    void start(std::atomic<bool> &stop) override;
    void join() override;

    void send(const EngineMessage &message) override;
    bool next(VenueMessage &out) override;
    bool finished() override;
    std::string failure() const override { return {}; }
    bool pending() override { return !m_link.broker.empty() || !m_link.market.empty(); }
    std::optional<DrillOutcome> drillOutcome(std::uint32_t number) const override;
    VenueLinks links() const override;
    std::optional<Money> accountCash() const override { return m_startCash; }
    bool closesInBulk() const override { return true; }

    BrokerClosingBooks closingBooks() override;

private:
    Config m_config;
    AlpacaVenueConfig m_alpaca;
    BrokerKeyPair m_keys;
    std::vector<std::string> m_universe;
    SessionWindow m_session;
    std::unique_ptr<AlpacaLink> m_linkStore =
        std::make_unique<AlpacaLink>(); ///< its queues are megabytes: never on a stack
    AlpacaLink &m_link = *m_linkStore;
    std::shared_ptr<TradingThread> m_trading;
    UniverseAtStart m_start;                           ///< what the start read of the universe, for the trading side
    std::atomic<TradingSide *> m_tradingSide{nullptr}; ///< lives on the trading thread
    std::unique_ptr<MarketDataSide> m_market;
    std::shared_ptr<const BrokerRecords> m_records;
    BrokerClosingBooks m_closing;
    std::optional<Money> m_startCash;   ///< the account's cash when the venue was made
    std::vector<BrokerOrder> m_resumed; ///< the orders a restart found working, tracked from start()
    bool m_joined = false;
    std::int64_t m_finishAskedWallNs = 0;
    mutable std::mutex m_drillMutex;
    std::vector<std::uint32_t> m_drills; ///< drills asked for: none can run at a real broker
};

} // namespace vigil::alpaca
