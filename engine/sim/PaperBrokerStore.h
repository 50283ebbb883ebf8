#pragma once
// The paper broker's own records, in its own SQLite file beside the journal: the account,
// every order it was sent (by client order id), every execution and the positions, as a
// broker's back office keeps them. The broker writes them before it reports anything, so
// what the engine hears of always exists here, and a crash of the console leaves the broker
// where it was: after a restart the engine asks it what became of its orders, and the two
// sets of books can be compared honestly.
//
// Durability: WAL with synchronous=NORMAL. A commit survives the process being killed at
// any moment (the crash this file exists for); a power cut may lose the last commits, as if
// the broker's last answers had been lost on the wire, but never one the journal has made
// durable: the journal calls syncCommitted() before each of its commits. So after a power
// cut the broker knows every fill the journal holds, and the restart settles the rest from
// the broker's file. A sync per broker commit instead would put a disk flush on every
// order's round trip (a busy simulated day at full speed three times slower).
//
// Thread affinity: one thread at a time (the venue thread while the session runs; the
// controlling thread before it starts, for loading and for the engine's questions);
// syncCommitted() from any thread.

#include "api/BrokerFacts.h"
#include "api/Fixed.h"
#include "api/Time.h"
#include "api/Types.h"
#include "portfolio/Portfolio.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace vigil {

/// The account as it was last written.
struct BrokerAccount {
    bool fresh = true; ///< no file existed: a new account
    Money cash;
    std::uint64_t lastExecutionId = 0;
    std::uint64_t duplicateClientIds = 0;  ///< orders refused for reusing a client order id
    std::string sessionDate;               ///< the session of `clock`
    SimTime clock = 0;                     ///< the time of the last event that changed the books
    std::map<std::string, Book> positions; ///< by symbol
};

class PaperBrokerStore {
public:
    PaperBrokerStore();
    ~PaperBrokerStore();
    PaperBrokerStore(const PaperBrokerStore &) = delete;
    PaperBrokerStore &operator=(const PaperBrokerStore &) = delete;

    /// Opens or creates the file. Returns an empty string or why it cannot be used.
    std::string open(const std::string &path);
    const std::string &path() const { return m_path; }

    /// Reads the account and its positions. `startingCash` funds a new account.
    std::string loadAccount(Money startingCash, BrokerAccount &out);
    /// Orders of one session, with their executions, by number.
    std::string ordersOf(const std::string &sessionDate, std::vector<BrokerOrder> &out);
    /// Working orders of sessions other than `sessionDate` (day orders a crash left open).
    std::string staleWorkingOrders(const std::string &sessionDate, std::vector<BrokerOrder> &out);

    // One transaction per batch of changes: begin(), the writes, commit().
    std::string begin();
    std::string saveOrder(const BrokerOrder &order);
    std::string saveExecution(const std::string &clientOrderId, const BrokerOrder::Execution &execution);
    std::string savePosition(const std::string &symbol, const Book &book);
    std::string saveAccount(const BrokerAccount &account);
    std::string commit();
    void rollback();

    /// Any thread: puts every commit made so far on stable storage (fdatasync of the WAL).
    /// Returns an empty string or what failed.
    std::string syncCommitted() const;

private:
    struct Statements;
    std::string exec(const char *sql);
    /// Orders matching `where` (SQL after WHERE, with ?1 the session date).
    std::string readOrders(const char *where, const std::string &sessionDate, std::vector<BrokerOrder> &out);
    std::string error(const char *what) const;

    sqlite3 *m_db = nullptr;
    std::string m_path;
    std::unique_ptr<Statements> m_statements;
};

/// Alpaca-style status text for a broker order.
std::string_view brokerStatusText(bool rejected, bool cancelled, bool expired, Quantity filled, Quantity qty);

} // namespace vigil
