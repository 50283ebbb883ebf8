#pragma once
// What the engine hands to the journal: one fixed-size record per fact. Thread safe (plain
// values); records travel from the engine thread to the store thread through a lock-free
// queue, numbered in the order the engine produced them.

#include "api/Fixed.h"
#include "api/Time.h"
#include "api/TradingState.h"
#include "api/Types.h"
#include "oms/Order.h"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace vigil {

struct JournalRecord {
    enum class Kind : std::uint8_t {
        SessionOpened, ///< text: session date; amount: starting equity
        SessionClosed,
        OrderCreated,             ///< text: client order id
        OrderChanged,             ///< a state change of an existing order (text: client order id)
        Fill,                     ///< executionId identifies it at the broker
        Position,                 ///< a strategy's book for one symbol (qty, amount: cost, realized, fees; price: mark)
        Equity,                   ///< amount: equity
        Alert,                    ///< text: message; reason doubles as the source
        Checkpoint,               ///< the books as they stand; the Position records of its group follow it.
                                  ///< text: open, periodic or close; amount: base; realized: starting
                                  ///< equity; highWaterMark, maxDrawdown; qty: number of Position records
        Restart,                  ///< the engine resumed the session: time is where it picked up; qty:
                                  ///< orders that were unknown; filledQty: fills learnt from the broker; text
        TradingStateChanged,      ///< tradingState (new), previousState; actor; text: reason (or the
                                  ///< maintenance banner)
        StrategyControl,          ///< strategy stopped (qty 1) or enabled (qty 0); actor; text: reason
        Audit,                    ///< an audit record with no other record behind it: actor, action, text
        ReconciliationRun,        ///< a reconciliation's result: actor; action: what started it; complete;
                                  ///< qty: differences; filledQty: positions and orderId: orders compared;
                                  ///< text: the summary (or why it is incomplete). Its differences follow.
        ReconciliationDifference, ///< one difference of the run before it: key; action: the kind's
                                  ///< code; text: the symbol; qty / price: ours; filledQty /
                                  ///< otherPrice: the broker's
        ReconciliationResolution, ///< an operator's resolution: actor; key; action: adopt, flatten,
                                  ///< cancel, accept or unblock; text: the note
        LatencySummary,           ///< the day's latency on one path so far: action: feed, ack or
                                  ///< tick_to_order; qty: samples; latencyNs: p50, p95, p99, max
        ChecklistRun,             ///< a checklist's result: actor; action: premarket or eod; key: what
                                  ///< started it; qty / filledQty / orderId: items passed / warned /
                                  ///< failed; text: the summary. Its items follow.
        ChecklistItem,            ///< one item of the run before it: key: the item; action: pass, warn or
                                  ///< fail; text: measured, threshold and detail, separated by tabs
        IncidentOpened,           ///< an incident: key: its cause's code; qty: its level (2, 3); actor: who
                                  ///< opened it; text: its title; orderId: the alert that opened it (0: none)
        IncidentChange,           ///< a change to incident orderId: action: the field's code; actor; text:
                                  ///< a piece of the value, in order; complete: the last piece (a value
                                  ///< longer than text spans several records of one group)
    };
    std::uint64_t seq = 0; ///< 1, 2, 3 ... as produced by the engine
    /// The last record of a group that must reach the disk together (everything one engine
    /// message caused: a fill and the order's new state, say). Transactions end only at
    /// such a record. A record on its own is a group of one.
    bool endsGroup = true;
    bool byOperator = false; ///< order records: placed by the operator (flatten, kill), not a strategy
    SimTime time = 0;
    Kind kind = Kind::Equity;
    StrategyId strategy = kNoStrategy;
    SymbolId symbol = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    OrderStatus status = OrderStatus::New;
    RejectReason reason = RejectReason::None;
    OrderId orderId = 0;
    std::uint64_t executionId = 0;
    Quantity qty = 0; ///< order quantity, fill quantity, or position quantity
    Quantity filledQty = 0;
    Price price;                                       ///< limit price or fill price
    Price otherPrice;                                  ///< reconciliation differences: the broker's average price; new
                                                       ///< orders: the quote's mid when sent (zero: not sent, no quote)
    Money amount;                                      ///< fee, equity, or position cost
    Money realized;                                    ///< position records
    Money fees;                                        ///< position records
    Money highWaterMark;                               ///< checkpoints
    Money maxDrawdown;                                 ///< checkpoints
    TradingState tradingState = TradingState::Active;  ///< state changes
    TradingState previousState = TradingState::Active; ///< state changes
    std::int64_t wallNs = 0;        ///< UTC wall time it happened, ns since the epoch (audited records)
    std::int64_t latencyNs[4] = {}; ///< latency summaries: p50, p95, p99, max
    bool complete = false;          ///< reconciliation runs: every part of the broker's statement was compared
    char key[48] = {};              ///< reconciliation differences and resolutions: the difference's key
    char text[160] = {};            ///< order records: the client order id; others: a reason or detail
    char actor[40] = {};            ///< who (audited records)
    char action[24] = {};           ///< audit records: what ("pause", "limit warning", ...)
    char reference[49] = {};        ///< OrderCreated: its source's own name for it (a bot's client_order_id)

    void setText(std::string_view value)
    {
        const std::size_t n = value.size() < sizeof text - 1 ? value.size() : sizeof text - 1;
        std::memcpy(text, value.data(), n);
        text[n] = '\0';
    }
    std::string_view textView() const { return {text, std::strlen(text)}; }
    void setActor(std::string_view value) { copyInto(actor, sizeof actor, value); }
    std::string_view actorView() const { return {actor, std::strlen(actor)}; }
    void setAction(std::string_view value) { copyInto(action, sizeof action, value); }
    std::string_view actionView() const { return {action, std::strlen(action)}; }
    void setKey(std::string_view value) { copyInto(key, sizeof key, value); }
    std::string_view keyView() const { return {key, std::strlen(key)}; }
    void setReference(std::string_view value) { copyInto(reference, sizeof reference, value); }
    std::string_view referenceView() const { return {reference, std::strlen(reference)}; }

private:
    static void copyInto(char *target, std::size_t size, std::string_view value)
    {
        const std::size_t n = value.size() < size - 1 ? value.size() : size - 1;
        std::memcpy(target, value.data(), n);
        target[n] = '\0';
    }

public:
};
static_assert(std::is_trivially_copyable_v<JournalRecord>);

/// Where the engine sends journal records. Engine thread only; must never block.
class JournalSink {
public:
    virtual ~JournalSink() = default;
    /// Engine thread. Never blocks.
    virtual void append(JournalRecord record) = 0;
    /// Engine thread. Never blocks: hands what was appended to the writer (records that
    /// found its queue full, as far as there is room now) and wakes it. Call it whenever the
    /// engine is between batches of messages or about to wait.
    virtual void flush() = 0;
    /// Any thread: a write has failed and nothing more reaches the disk.
    virtual bool failed() const = 0;
    /// Any thread, once failed(): why, with the system's words where there are any (empty
    /// when the sink cannot tell).
    virtual std::string failureReason() const { return {}; }
    /// Any thread: wall time of the last successful commit (0 before the first).
    virtual std::int64_t lastCommitWallNs() const = 0;
    /// Any thread: wall time the writer last showed it was alive (it does, at least every
    /// 50 ms, whether or not there is anything to write).
    virtual std::int64_t lastAliveWallNs() const = 0;
};

} // namespace vigil
