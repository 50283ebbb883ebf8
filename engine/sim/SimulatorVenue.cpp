#include "sim/SimulatorVenue.h"

#include "sim/PaperRecords.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace vigil {

SimulatorVenue::SimulatorVenue(const Config &config, const Date &sessionDate, std::uint64_t seed, double speed,
                               std::uint64_t crashAfterBrokerAccepts)
    : m_config(config)
    , m_sessionDate(sessionDate.toIso())
    , m_venue(m_config, sessionFor(sessionDate), seed, speed, m_link)
{
    m_venue.crashAfterBrokerAccepts(crashAfterBrokerAccepts);
}

SimulatorVenue::~SimulatorVenue() { join(); }

std::string SimulatorVenue::openRecords(const std::string &path)
{
    m_records = std::make_shared<PaperRecords>(QString::fromStdString(path));
    auto store = std::make_unique<PaperBrokerStore>();
    if (std::string error = store->open(path); !error.empty())
        return error;
    if (std::string error = m_venue.attachBroker(store.get(), m_sessionDate); !error.empty())
        return error;
    m_store = std::move(store);
    return {};
}

SimTime SimulatorVenue::lastActivity(const std::string &sessionDate) const
{
    const BrokerAccount &account = m_venue.broker().loadedAccount();
    return m_store && account.sessionDate == sessionDate ? account.clock : 0;
}

std::string SimulatorVenue::ordersOfDay(const std::string &sessionDate, std::vector<BrokerOrder> &out) const
{
    return m_store ? m_store->ordersOf(sessionDate, out) : std::string();
}

std::string SimulatorVenue::syncRecords() const
{
    // The fills being committed were reported by the broker: its record of them goes to
    // the disk first (PaperBrokerStore.h, durability).
    return m_store ? m_store->syncCommitted() : std::string();
}

void SimulatorVenue::start(std::atomic<bool> &stop)
{
    m_thread = std::thread([this, &stop] {
        try {
            m_venue.run(stop);
        } catch (const std::exception &e) {
            spdlog::critical("venue thread failed: {}", e.what());
            stop.store(true);
        }
    });
}

void SimulatorVenue::join()
{
    m_link.venueBell.ring(); // `stop` is set: the venue thread must see it now
    if (m_thread.joinable())
        m_thread.join();
}

void SimulatorVenue::send(const EngineMessage &message)
{
    EngineMessage numbered = message;
    numbered.requestSeq = ++m_sent;
    Backoff backoff;
    while (!m_link.requests.tryPush(numbered))
        backoff.pause(); // the venue drains this queue even while it waits
    m_link.venueBell.ring();
}

void SimulatorVenue::promise(SimTime t)
{
    m_promised = t;
    m_link.engineTime.store(t, std::memory_order_release);
}

bool SimulatorVenue::next(VenueMessage &out)
{
    // The message handed over last has run: nothing will be decided before its time.
    if (m_handedAt > m_promised)
        promise(m_handedAt);
    VenueMessage b;
    while (m_link.broker.tryPop(b)) {
        if (b.kind == VenueMessage::Kind::Horizon) {
            m_requestsSeen = b.horizon.requestsSeen;
            m_noReportBefore = b.horizon.noReportBefore;
        } else {
            m_reports.push_back(b);
        }
    }
    const bool haveMarket = !m_link.market.empty();
    const SimTime marketAt = haveMarket ? m_link.market.front().time : kNever;
    const SimTime reportAt = m_reports.empty() ? kNever : m_reports.front().time;
    const bool brokerKnown = m_requestsSeen == m_sent;
    if (reportAt != kNever && reportAt <= marketAt && (haveMarket || m_marketDone)) {
        out = m_reports.front();
        m_reports.pop_front();
    } else if (haveMarket && brokerKnown && marketAt < m_noReportBefore) {
        out = m_link.market.front();
        m_link.market.pop();
        m_marketDone = m_marketDone || out.kind == VenueMessage::Kind::SessionClose;
    } else {
        // Blocked. Promise the venue that nothing will be decided before the next message
        // the engine can be given, so the broker can move up to it. That is known only when
        // the broker has seen every request (an unseen one may bring a report at any time)
        // and the next market message is known or none is left.
        SimTime canPromise = kNever;
        if (brokerKnown && (haveMarket || m_marketDone))
            canPromise = std::min(marketAt, m_noReportBefore);
        if (canPromise != kNever && canPromise > m_promised) {
            promise(canPromise);
            m_link.venueBell.ring();
        }
        return false;
    }
    m_handedAt = out.time;
    return true;
}

bool SimulatorVenue::finished()
{
    // The close has passed and the broker owes nothing more.
    return m_marketDone && m_reports.empty() && m_requestsSeen == m_sent && m_noReportBefore == kNever;
}

BrokerClosingBooks SimulatorVenue::closingBooks()
{
    join(); // the venue's books are read once its thread has ended
    if (!m_settled) {
        m_venue.settleBooks();
        m_settled = true;
    }
    BrokerClosingBooks books;
    const PaperBroker &broker = m_venue.broker();
    books.cash = broker.cash();
    for (std::size_t i = 0; i < m_config.simulator.symbols.size(); ++i) {
        const Book &b = broker.position(static_cast<SymbolId>(i));
        if (b.qty == 0)
            continue;
        books.positions.push_back({m_config.simulator.symbols[i].symbol, b.qty, b.cost, b.realized, b.fees,
                                   broker.mark(static_cast<SymbolId>(i))});
    }
    books.failure = m_link.brokerFailure;
    return books;
}

} // namespace vigil
