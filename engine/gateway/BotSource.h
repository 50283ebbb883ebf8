#pragma once
// One configured bot trading inside the engine as a strategy of its own (api/StrategySource.h):
// its key, code and name from [[bots]], its book, its orders journaled under its key. The
// gateway's network thread queues the bot's requests (GatewayHub::request) and rings its
// doorbell; in poll() it answers each: an order passes the bot's own limits (buying power,
// position value, order size), then the engine's trading state and pre-trade checks, and a
// refusal is answered as Alpaca would (403 or 422 with the check and its figures). What the
// bot sees is its own: its orders, its positions, its share of the account. Every change of
// its orders (and of an operator's flatten orders in its book) goes back as a trade update.
//
// Threads: constructed on the controlling thread (GatewayHub::takeSources); everything else
// on the engine thread, as StrategySource says. Answers and trade updates reach the network
// thread through the hub's poster only.

#include "api/StrategySource.h"
#include "gateway/GatewayHub.h"
#include "gateway/GatewayTypes.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vigil::gateway {

class HubShared;
struct SymbolMarket;

class BotSource final : public StrategySource {
public:
    /// Bot number `bot` of the hub's configuration. Throws std::invalid_argument when it
    /// names a symbol the venue does not trade.
    BotSource(std::shared_ptr<HubShared> hub, int bot);
    ~BotSource() override;
    BotSource(const BotSource &) = delete;
    BotSource &operator=(const BotSource &) = delete;

    StrategyIdentity identity() const override;
    bool trades(SymbolId symbol) const override { return m_trades[symbol]; }
    void connect(StrategyDoorbell &doorbell) override;
    void onOrderUpdate(StrategyContext &ctx, const StrategyOrder &order) override;
    void onFill(StrategyContext &ctx, const StrategyOrder &order, const StrategyFill &fill) override;
    void onOperatorOrder(StrategyContext &ctx, const StrategyOrder &order, const StrategyFill *fill) override;
    void onResume(StrategyContext &ctx, const std::vector<StrategyOrder> &orders) override;
    void poll(StrategyContext &ctx) override;

    /// Alpaca's "id" of the order the engine knows as `clientOrderId`: a UUID made from it, so
    /// the same after a restart. Any thread.
    static std::string orderUuid(std::string_view clientOrderId);

private:
    struct Entry {
        BotOrder order;
        OrderStatus told = OrderStatus::Unknown; ///< the status its last trade update carried
        bool byOperator = false;                 ///< a flatten's order in its book: not the bot's to cancel
        bool iocCancelled = false;
    };

    BotReply answer(StrategyContext &ctx, const BotRequest &request);
    BotReply answer(StrategyContext &ctx, const SubmitOrder &r);
    BotReply answer(StrategyContext &ctx, const CancelOrder &r);
    BotReply answer(StrategyContext &ctx, const CancelAllOrders &r);
    BotReply answer(StrategyContext &ctx, const ClosePosition &r);
    BotReply answer(StrategyContext &ctx, const CloseAllPositions &r);
    BotReply answer(StrategyContext &ctx, const GetOrder &r);
    BotReply answer(StrategyContext &ctx, const GetOrderByClientId &r);
    BotReply answer(StrategyContext &ctx, const ListOrders &r);
    BotReply answer(StrategyContext &ctx, const GetActivities &r);
    BotReply answer(StrategyContext &ctx, const GetPositions &r);
    BotReply answer(StrategyContext &ctx, const GetPosition &r);
    BotReply answer(StrategyContext &ctx, const GetAccount &r);
    BotReply answer(StrategyContext &ctx, const GetClock &r);
    BotReply answer(StrategyContext &ctx, const GetCalendar &r);
    BotReply answer(StrategyContext &ctx, const GetAssets &r);
    BotReply answer(StrategyContext &ctx, const GetAsset &r);
    BotReply answer(StrategyContext &ctx, const GetLatestQuotes &r);
    BotReply answer(StrategyContext &ctx, const GetLatestTrades &r);
    BotReply answer(StrategyContext &ctx, const GetLatestBars &r);

    /// The symbol named `name`, or -1.
    int symbolOf(std::string_view name) const;
    /// A refusal of the engine's, as Alpaca answers it.
    ApiError refusal(StrategyContext &ctx, const Submission &submission) const;
    /// The bot's own limits, checked before the engine's; nothing when the order passes.
    std::optional<ApiError> overLimit(StrategyContext &ctx, SymbolId symbol, Side side, Quantity qty,
                                      Price price) const;
    /// What its positions and its working orders commit of its buying power.
    Money committed(StrategyContext &ctx) const;
    BotPosition position(StrategyContext &ctx, SymbolId symbol) const;
    /// The shares of its position in `symbol` not held by its working orders on the closing
    /// side: what Alpaca lets a close take (a second close while the first still works is
    /// refused, not doubled).
    Quantity available(StrategyContext &ctx, SymbolId symbol) const;
    /// An order to close `qty` of its position in `symbol` (a market order, day); a 403 as
    /// Alpaca's when fewer shares are available().
    BotReply close(StrategyContext &ctx, SymbolId symbol, Quantity qty);
    /// Enters the order the engine took as `id` (`view`: what was asked) in its table.
    Entry &track(StrategyContext &ctx, OrderId id, StrategyOrder view);
    /// The latest `part` of each of `names` the engine has seen.
    template<typename T> std::vector<T> latest(const std::vector<std::string> &names, T SymbolMarket::*part) const;
    /// The entry of the engine's order `view`, made when first seen.
    Entry &entryOf(StrategyContext &ctx, const StrategyOrder &view, bool byOperator);
    void update(Entry &entry, StrategyContext &ctx, const StrategyOrder &view);
    /// An order update or fill of its own (or, `byOperator`, of a flatten in its book): the
    /// table follows it and the bot is told.
    void handle(StrategyContext &ctx, const StrategyOrder &view, const StrategyFill *fill, bool byOperator);
    /// An execution of `order` (as it stands after it) for the activities.
    void record(const BotOrder &order, std::string executionId, Price price, Quantity qty, SimTime at);
    void tell(Entry &entry, TradeEvent event, StrategyContext &ctx, const StrategyFill *fill = nullptr);
    /// Hands the answers and trade updates gathered so far to the network thread.
    void flush();

    std::shared_ptr<HubShared> m_hub;
    int m_bot;
    const BotConfig &m_config;
    std::vector<bool> m_trades; ///< by SymbolId
    std::vector<Entry> m_orders;
    /// The entries of its own orders not yet final: what committed() adds up on every
    /// submit, without walking the day's whole table.
    std::unordered_set<std::size_t> m_open;
    std::unordered_map<OrderId, std::size_t> m_byId;
    std::unordered_map<std::string, std::size_t> m_byUuid;
    std::unordered_map<std::string, std::size_t> m_byClientId;
    /// Its executions in the order they happened (GET /v2/account/activities). After a
    /// restart the journal gives each order's total, not its executions: one entry per order
    /// then, its cum_qty the journaled filled quantity.
    std::vector<BotActivity> m_fills;
    std::vector<std::pair<ReplyFn, BotReply>> m_replies; ///< to go out at the next flush
    std::vector<TradeUpdate> m_updates;                  ///< to go out at the next flush
};

} // namespace vigil::gateway
