#pragma once
// Alpaca's back office as reconciliation, the checklists and the restart read it: the
// statement (GET /v2/positions, GET /v2/orders?status=open, the account's cash, and the
// day's orders placed outside Vigil that filled), the account (GET /v2/account: status,
// trading_blocked, account_blocked, cash, buying power) and the orders of a day with their
// executions (GET /v2/orders?status=all and the FILL activities). A part that does not
// answer is reported as unanswered, never as flat.
//
// Threads: any thread but the engine's and the trading thread's (every read waits for a
// REST answer on the trading thread).

#include "alpaca/ClosingOrders.h"
#include "alpaca/TradingThread.h"
#include "api/BrokerFacts.h"
#include "api/Venue.h"

#include <memory>
#include <string>
#include <vector>

namespace vigil::alpaca {

class AlpacaRecords final : public BrokerRecords {
public:
    /// `sessionDate`: whose orders count as the day's (outside trades); `closing`: the
    /// running venue's close-all orders, which are not outside trades (none: no venue runs).
    AlpacaRecords(std::shared_ptr<TradingThread> trading, Date sessionDate,
                  std::shared_ptr<const ClosingOrders> closing = nullptr);

    BrokerStatement statement() const override;
    AccountFacts account() const override;

    /// The orders submitted on `date` (New York), with their executions from the FILL
    /// activities (execution ids: the cumulative quantity after each, as OrderTracker
    /// books them). Returns an empty string or why they cannot be read.
    std::string ordersOfDay(const Date &date, std::vector<BrokerOrder> &out) const;

private:
    std::shared_ptr<TradingThread> m_trading;
    Date m_date;
    std::shared_ptr<const ClosingOrders> m_closing;
};

/// Alpaca's status words in the engine's vocabulary (BrokerOrder::status).
std::string engineStatus(const std::string &alpacaStatus, Quantity filledQty);

} // namespace vigil::alpaca
