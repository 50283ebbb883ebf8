#pragma once
// Identifiers, enums and the fixed-size messages that cross threads. Thread safe (plain
// values). Every message is trivially copyable so it can travel through a lock-free ring.

#include "api/Fixed.h"
#include "api/Time.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace vigil {

using SymbolId = std::uint16_t;
using StrategyId = std::uint8_t;
using OrderId = std::uint64_t; ///< engine-assigned, unique for the session; the client order id's number

constexpr StrategyId kNoStrategy = 0xff;
/// In checkpoints: the account's own book of a symbol (all strategies netted), as a broker keeps it.
constexpr StrategyId kAccountBook = 0xfe;

enum class Side : std::uint8_t { Buy, Sell };
enum class OrderType : std::uint8_t { Market, Limit };

constexpr int sideSign(Side s) { return s == Side::Buy ? 1 : -1; }
std::string_view toString(Side s);
std::string_view toString(OrderType t);

enum class RejectReason : std::uint8_t {
    None,
    InsufficientBuyingPower,
    InvalidQuantity,
    InvalidPrice,
    UnknownSymbol,
    MarketClosed,
    BrokerUnavailable,      ///< disconnected
    BrokerError,            ///< the broker's API answered with an error
    UnknownOrder,           ///< cancel of an order the broker does not know (or no longer working)
    RiskLimit,              ///< refused by a pre-trade check (journals of schema 1 and 2; now one code per check)
    TradingStopped,         ///< refused because trading is paused, halted or killed
    NotReceived,            ///< found after a restart: the order never reached the broker
    DuplicateClientOrderId, ///< the broker already has an order with this client order id
    NotShortable,           ///< a sell beyond the shares held of a symbol the broker will not lend
    NoBrokerPosition,       ///< a closing order where the broker holds no position to close
    // The engine's pre-trade checks, one code each (see RiskGate).
    OrderQuantity,       ///< above the largest order quantity
    OrderNotional,       ///< above the largest order value
    PriceCollar,         ///< price too far from the quote's mid
    PositionLimit,       ///< the position in the symbol would exceed its limit
    GrossExposure,       ///< gross exposure would exceed its share of equity
    OpenOrders,          ///< too many working orders
    OrderRate,           ///< too many orders and cancels in the last second
    DuplicateOrder,      ///< the same order was sent moments ago
    StrategyStopped,     ///< the strategy is stopped (execution throttle, flatten or kill)
    SymbolReduceOnly,    ///< the symbol was flattened: only orders that reduce it until a resume
    ReconciliationBlock, ///< the books differ from the broker's in the symbol: entries wait for a resolution
};
/// The last RejectReason, for loops over all of them.
constexpr RejectReason kLastRejectReason = RejectReason::ReconciliationBlock;
std::string_view toString(RejectReason r);
/// The reason named by toString()'s text (None if it names none).
RejectReason rejectReasonFromText(std::string_view text);

struct Quote {
    SymbolId symbol;
    Price bid;
    Price ask;
    std::int32_t bidSize;
    std::int32_t askSize;
};

struct TradePrint {
    SymbolId symbol;
    Price price;
    std::int32_t size;
};

enum class ExecType : std::uint8_t {
    Accepted,     ///< the broker took the order
    Rejected,     ///< refused at entry
    Fill,         ///< an execution; leavesQty says whether more will follow
    Cancelled,    ///< cancel confirmed
    CancelReject, ///< cancel refused (already filled, unknown)
    Expired,      ///< removed by the broker at the close
};
std::string_view toString(ExecType t);

struct ExecReport {
    OrderId orderId;
    ExecType type;
    RejectReason reason;
    Quantity fillQty; ///< this execution only
    Price fillPrice;
    Money fee;
    Quantity leavesQty;        ///< still working after this report
    std::uint64_t executionId; ///< the broker's id of this execution (fills only), unique per order
};

/// A report of `type` for order `id`, every other field zero.
constexpr ExecReport execReport(OrderId id, ExecType type, RejectReason reason = RejectReason::None)
{
    ExecReport r{};
    r.orderId = id;
    r.type = type;
    r.reason = reason;
    return r;
}

/// Failed (broker stream only): the broker cannot record what it does any more (its own
/// storage failed), so it acts on nothing and answers nothing from then on.
enum class ComponentStatus : std::uint8_t { Up, Down, Failed };

/// What a broker promises about its future reports: having seen the engine's requests up
/// to `requestsSeen`, it will deliver no report stamped earlier than `noReportBefore`
/// (kNever: none at all until the engine sends another request).
struct BrokerHorizon {
    std::uint64_t requestsSeen;
    SimTime noReportBefore;
};
constexpr SimTime kNever = std::numeric_limits<SimTime>::max();

/// What a real broker's links did by themselves (a broker venue's streams and REST client):
/// each step of a fault and of its recovery, for the health panel, an alert of its level
/// (OPERATIONS.md: level 1 recovered by itself, level 2 the operator should act) and the
/// audit trail. The simulator sends none.
enum class LinkEventKind : std::uint8_t {
    TradeStreamDown,     ///< the trade_updates stream dropped or went silent; reconnecting (detail: attempt)
    TradeStreamRestored, ///< authenticated, listening and caught up again (detail: orders fetched)
    DataStreamDown,      ///< the market data stream dropped or went silent; reconnecting (detail: attempt)
    DataStreamRestored,  ///< authenticated and subscribed again
    RestFallbackOn,      ///< market data from REST latest quotes while the stream is away
    RestFallbackOff,     ///< back on the stream
    RateLimited,         ///< a 429: requests wait until the reset (detail: seconds)
    CaughtUpFills,       ///< fills booked from the broker's REST records after a gap (detail: how many)
    BulkItemFailed,      ///< an item of a bulk cancel or close failed at the broker; retried (detail: items)
    BulkItemsCleared,    ///< the failed items of a bulk request are done after retries
    SymbolRefused,       ///< a universe symbol the broker does not trade (detail: its SymbolId)
    SymbolNotShortable,  ///< a universe symbol the broker will not lend: no short sales (detail: its SymbolId)
};
constexpr LinkEventKind kLastLinkEventKind = LinkEventKind::SymbolNotShortable;
std::string_view toString(LinkEventKind kind); ///< "trade-stream-down", ...

struct LinkEvent {
    LinkEventKind kind;
    std::int32_t detail;
};

/// From the venue (simulator, or a real feed/broker adapter) to the engine thread.
struct VenueMessage {
    enum class Kind : std::uint8_t {
        Quote,
        Trade,
        Exec,
        Clock, ///< time passes (one per simulated second); no market data implied
        SessionOpen,
        SessionClose, ///< last market message of the session
        FeedStatus,   ///< market-data link up/down
        BrokerStatus, ///< broker link up/down (also its periodic keep-alive)
        Horizon,      ///< broker stream only: see BrokerHorizon; carries no time of its own
        Link,         ///< a real broker's link event (LinkEvent)
    };
    std::uint64_t seq = 0;    ///< 1, 2, 3 ... in send order on its stream
    SimTime exchangeTime = 0; ///< when it happened at the venue
    SimTime time = 0;         ///< when the engine receives it (the engine's "now")
    Kind kind = Kind::Clock;
    union {
        Quote quote;
        TradePrint trade;
        ExecReport exec;
        ComponentStatus status;
        BrokerHorizon horizon;
        LinkEvent link;
    };
    VenueMessage()
        : quote{}
    {}
};
static_assert(std::is_trivially_copyable_v<VenueMessage>);

/// Longest client order id (with its terminating zero) a message carries.
constexpr std::size_t kClientOrderIdSize = 32;

/// Out-of-band events the paper broker and the simulated feed can be told to produce, so
/// that every kind of difference and fault can be rehearsed. None of them is reported to
/// the engine as an order update: the engine learns of them as it would from a real broker
/// (a reconciliation, a link status, an error answer, silence).
enum class DrillKind : std::uint8_t {
    BrokerManualClose, ///< a position closed "by hand" at the broker (target: symbol, or the largest)
    BrokerCancelOrder, ///< a working order cancelled behind the engine's back (target: client order id, or the oldest)
    BrokerDisconnect,  ///< the broker refuses orders and the link is down for `drillAmount` seconds
    BrokerErrorBurst,  ///< the next `drillAmount` orders are answered with an API error
    FeedSilence,       ///< no market data for `drillAmount` seconds
    BrokerManualOrder, ///< an order placed by hand at the broker, far from the market (target: symbol)
    BrokerManualTrade, ///< `drillAmount` shares (default 10) bought by hand at the market (target: symbol)
};
constexpr DrillKind kLastDrillKind = DrillKind::BrokerManualTrade;
std::string_view toString(DrillKind kind); ///< "broker-manual-close", ...
/// The drill named by `text`; false if none is.
bool drillKindFromText(std::string_view text, DrillKind &out);

/// What a drill did at the venue, for the operator who asked for it.
struct DrillOutcome {
    bool done = false; ///< false: it could not act (no position to close, no such symbol...)
    std::string text;  ///< what it did, or why it could not
};

/// From the engine thread to the broker: an order or a cancel.
struct EngineMessage {
    enum class Kind : std::uint8_t {
        NewOrder,
        Cancel,
        CancelAll, ///< every working order of the account, in one request (the broker's bulk cancel)
        Drill,     ///< paper broker or simulated feed only: an out-of-band event (see DrillKind)
        CloseAll,  ///< the closing orders just sent with inCloseAll go out as one close-all request
    };
    Kind kind = Kind::NewOrder;
    std::uint64_t requestSeq = 0; ///< 1, 2, 3 ... per request sent
    OrderId orderId = 0;
    SymbolId symbol = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Price limitPrice;
    SimTime decisionTime = 0;
    char clientOrderId[kClientOrderIdSize] = {}; ///< new orders: how the broker will know it;
                                                 ///< drills: the symbol or order they aim at (empty: the venue picks)
    std::uint8_t drill = 0;                      ///< drills: a DrillKind
    std::int32_t drillAmount = 0;                ///< drills: seconds (disconnect, feed silence) or orders (error burst)
    std::uint32_t drillNumber = 0; ///< drills: 1, 2, ... per engine, the key of its outcome (VenueLink::drills)
    bool inCloseAll = false;       ///< new orders: a flatten's closing order, held for the CloseAll that follows
                                   ///< (a venue that closes in bulk, Venue::closesInBulk(); others send it alone)

    void setClientOrderId(std::string_view id);
    std::string_view clientOrderIdView() const;
};
static_assert(std::is_trivially_copyable_v<EngineMessage>);

} // namespace vigil
