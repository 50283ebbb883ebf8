#pragma once
// The venue seam: where the engine meets a market and a broker. Market data and order
// reports come in; orders and cancels go out; the broker's records (statement, account,
// the day's orders) answer reconciliation, the checklists and the restart; a calendar says
// when the day's session opens and closes. The simulator implements it (sim/), a real
// broker next; runtime/Assembly chooses one from the configuration.
//
// Threads:
// - Controlling thread (the one that owns the Engine): construct, the calls marked "before
//   start()", start(), join(), closingBooks().
// - The venue's own threads (started by start(): the simulator's one I/O thread, a real
//   broker's REST and stream clients) do all waiting on the outside world. They hand
//   messages to the engine through the venue's own lock-free queues and ring engineBell()
//   after each push; they end once `stop` is set, and a venue thread that fails sets `stop`
//   itself (the engine then ends too). The engine thread sleeps on engineBell() when it has
//   nothing to run; whoever else has work for it (an operator's command) rings it too.
// - The engine thread calls send(), next(), pending(), finished() and failure(). None of
//   them may block: send() queues the request for the venue's threads; next() returns at
//   once.
// - drillOutcome() from any thread, never blocking.
// - BrokerRecords: any thread but the engine's (they read files or ask the broker's API);
//   syncRecords() from the journal's thread.
//
// Ordering. VenueClock says whose order the engine follows:
// - Simulated: the venue stamps every message in its own time and hands them over in a
//   deterministic order of its own (the simulator waits on the engine's progress to keep
//   it); it also sends the session's open and close and a clock message each second.
// - Wall: stamps are the venue's clock (now(): the wall clock, or a real broker's) and
//   messages come in arrival order, with no promise about what comes next. The engine marks
//   the session's open and close from the calendar, and the passing seconds, itself, from
//   the same clock.

#include "api/BrokerFacts.h"
#include "api/Time.h"
#include "api/Types.h"
#include "api/VenueLinks.h"
#include "core/SpscQueue.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

enum class VenueClock : std::uint8_t { Simulated, Wall };

/// The broker's back office, as reconciliation and the checklists read it. Blocking reads
/// (a file, an HTTP request); any thread but the engine's. A part that does not answer says
/// so (BrokerStatement's answered flags, AccountFacts::known): never an empty, flat book.
class BrokerRecords {
public:
    virtual ~BrokerRecords() = default;
    /// Positions, working orders, cash, and trades placed outside the console.
    virtual BrokerStatement statement() const = 0;
    /// The account: status, blocked flags, cash, buying power.
    virtual AccountFacts account() const = 0;
};

class Venue {
public:
    virtual ~Venue() = default;

    /// How messages are stamped and ordered (see the top of this file).
    virtual VenueClock clock() const = 0;
    /// A Wall venue's time now, which the engine's session marks follow: the wall clock
    /// (utcNowNs()), or a broker's own clock where it has one (its messages' stamps and its
    /// clock API, so that a server playing a day faster than real time is followed). Any
    /// thread.
    virtual SimTime now() const { return utcNowNs(); }
    /// The calendar: the session of `date` (its open and close). Any thread.
    virtual SessionWindow sessionOf(const Date &date) const = 0;

    /// Before start(): the broker's records are kept, or found, at `path` (the simulator's
    /// paper broker keeps its books in a file there). Returns an empty string or why not.
    virtual std::string openRecords(const std::string &path) = 0;
    /// The broker's records, for any thread but the engine's, for as long as the venue
    /// lives; null while it keeps none (the simulator: until openRecords() succeeded).
    virtual std::shared_ptr<const BrokerRecords> records() const = 0;
    /// Before start(): the instant of the broker's last change in the session of
    /// `sessionDate` (0 if none): a restart resumes after it.
    virtual SimTime lastActivity(const std::string &sessionDate) const = 0;
    /// Before start(): the broker's orders of `sessionDate`, with their executions, for the
    /// restart to settle the engine's open orders by client order id. Returns an empty
    /// string or why they cannot be read.
    virtual std::string ordersOfDay(const std::string &sessionDate, std::vector<BrokerOrder> &out) const = 0;
    /// Before start(): a resumed session; the broker acts from `at` on (kNever: the session
    /// is over). What came before is in its books already.
    virtual void resumeAt(SimTime at) = 0;
    /// Before start(), after the restart settled the engine's orders with ordersOfDay(): the
    /// broker's orders the engine took back as still working. A venue whose broker keeps its
    /// own books (Alpaca) tracks them from here on, so that their fills and cancels keep
    /// reaching the engine; one that restores its books itself ignores them.
    virtual void resumeWorking(const std::vector<BrokerOrder> &working) = 0;
    /// The journal's thread, before each commit: the broker's records of what the commit
    /// holds are made durable first. Returns an empty string or what failed.
    virtual std::string syncRecords() const = 0;

    /// Any thread: the bell the engine thread sleeps on (see the top of this file).
    virtual Doorbell &engineBell() = 0;
    /// Starts the venue's threads (see the top of this file).
    virtual void start(std::atomic<bool> &stop) = 0;
    /// Controlling thread, once `stop` is set: waits for the venue's threads. Safe twice.
    virtual void join() = 0;

    /// Engine thread: an order, a cancel or a drill, on its way. Never blocks for long: a
    /// full queue is drained by the venue's threads even while they wait.
    virtual void send(const EngineMessage &message) = 0;
    /// Engine thread: the next message the engine may run now, if any.
    virtual bool next(VenueMessage &out) = 0;
    /// Engine thread: nothing is left to come: the session has closed at the venue (or, on
    /// a Wall venue, nothing is still owed for it) and every request has been answered.
    virtual bool finished() = 0;
    /// Engine thread, after a BrokerStatus Failed message: why the broker failed.
    virtual std::string failure() const = 0;
    /// Engine thread: a message may be waiting (the engine's wake-up test).
    virtual bool pending() = 0;
    /// Any thread: what the drill numbered `number` did at the venue (none yet: nullopt).
    virtual std::optional<DrillOutcome> drillOutcome(std::uint32_t number) const = 0;

    /// Before start(): a real broker's cash when the venue was made, which a new book starts
    /// from (none: the configuration's starting cash, the simulator's paper broker's).
    virtual std::optional<Money> accountCash() const { return std::nullopt; }

    /// Whether the broker closes every position of the account in one request (Alpaca's
    /// DELETE /v2/positions): the engine then sends a flatten of everything as closing orders
    /// marked EngineMessage::inCloseAll followed by one CloseAll, and the venue shares each
    /// symbol's netted fills out among them. Others send each closing order alone. Any thread.
    virtual bool closesInBulk() const { return false; }

    /// Any thread: how the venue's links stand (a real broker's; the simulator has none).
    virtual VenueLinks links() const { return {}; }

    /// Controlling thread, after join(): the broker's own books at the end.
    virtual BrokerClosingBooks closingBooks() = 0;
};

} // namespace vigil
