// The engine on a venue that gives no horizons: messages in arrival order, stamped with the
// wall clock, no session marks of its own (a real broker's streams). A small venue of that
// kind lives here, behind the seam (api/Venue.h), and the real Engine trades on it: its
// orders reach the venue, the fills book, positions and P&L come out as the venue's, and
// the venue's statement and account reach reconciliation and the checklists.
#include "api/ChecklistFacts.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Reconciliation.h"
#include "api/Venue.h"

#include <QTest>

#include <future>
#include <mutex>
#include <thread>
#include <vector>

using namespace vigil;

namespace {

constexpr SimTime kQuoteEvery = 20 * kNsPerMs;

Price px(const char *text) { return *Price::parse(text); }

/// A broker that streams a script of quotes for one symbol and fills every order at once,
/// whole, at the touch. Its books are kept as a broker's back office would, and told
/// through BrokerRecords from any thread.
class ArrivalVenue final : public Venue, public BrokerRecords {
public:
    /// `joinedLate`: the session opened that long before the engine starts (the market data
    /// reaches the engine `firstQuoteIn` after its start); it closes `closesIn` after the start.
    explicit ArrivalVenue(Money startingCash, SimTime joinedLate = 0, SimTime closesIn = 1800 * kNsPerMs,
                          SimTime firstQuoteIn = 400 * kNsPerMs)
        : m_cash(startingCash)
    {
        const SimTime now = utcNowNs();
        m_session = sessionFor(Date{2026, 12, 3});
        m_session.open = now + 300 * kNsPerMs - joinedLate;
        m_session.close = now + closesIn;
        m_firstQuote = now + firstQuoteIn;
        // Calm, a drop (an entry), calm again (the exit at the bid), a second drop, then
        // silence to the close: one round trip and one position held over it.
        for (int i = 0; i < 8; ++i)
            m_script.push_back({px("100.00"), px("100.02")});
        m_script.push_back({px("99.50"), px("99.52")});
        for (int i = 0; i < 12; ++i)
            m_script.push_back({px("100.00"), px("100.02")});
        // Lower than the first: the same order again within half a second would be refused
        // as a duplicate (RiskLimits::duplicateWindowMs).
        m_script.push_back({px("99.40"), px("99.42")});
    }
    ~ArrivalVenue() override { join(); }

    VenueClock clock() const override { return VenueClock::Wall; }
    SessionWindow sessionOf(const Date &) const override { return m_session; }
    std::string openRecords(const std::string &) override { return {}; } // its records are its own memory
    std::shared_ptr<const BrokerRecords> records() const override
    {
        return std::shared_ptr<const BrokerRecords>(std::shared_ptr<const BrokerRecords>(), this);
    }
    SimTime lastActivity(const std::string &) const override { return 0; }
    std::string ordersOfDay(const std::string &, std::vector<BrokerOrder> &) const override { return {}; }
    void resumeAt(SimTime) override {}
    void resumeWorking(const std::vector<BrokerOrder> &) override {}
    std::string syncRecords() const override { return {}; }

    Doorbell &engineBell() override { return m_engineBell; }
    void start(std::atomic<bool> &stop) override
    {
        m_thread = std::thread([this, &stop] { run(stop); });
    }
    void join() override
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    void send(const EngineMessage &message) override
    {
        ++m_sent;
        Backoff backoff;
        while (!m_requests.tryPush(message))
            backoff.pause();
    }
    bool next(VenueMessage &out) override { return m_toEngine.tryPop(out); }
    bool finished() override
    {
        return utcNowNs() >= m_session.close && m_answered.load() == m_sent && m_toEngine.empty();
    }
    std::string failure() const override { return {}; }
    bool pending() override { return !m_toEngine.empty(); }
    std::optional<DrillOutcome> drillOutcome(std::uint32_t) const override { return std::nullopt; }
    BrokerClosingBooks closingBooks() override
    {
        join();
        std::lock_guard lock(m_mutex);
        BrokerClosingBooks books;
        books.cash = m_cash;
        if (m_qty != 0)
            books.positions.push_back({"AAPL", m_qty, m_cost, Money(), Money(), midPrice(m_last.bid, m_last.ask)});
        return books;
    }

    BrokerStatement statement() const override
    {
        std::lock_guard lock(m_mutex);
        BrokerStatement s;
        s.positionsAnswered = s.ordersAnswered = true;
        if (m_qty != 0)
            s.positions.push_back({"AAPL", m_qty, averagePrice(m_cost, m_qty)});
        s.cash = m_cash;
        return s;
    }
    AccountFacts account() const override
    {
        std::lock_guard lock(m_mutex);
        AccountFacts a;
        a.known = a.active = true;
        a.cash = m_cash;
        a.buyingPower = m_cash + m_cash;
        return a;
    }

    const SessionWindow &session() const { return m_session; }
    /// After join(): what reached the venue, in arrival order.
    const std::vector<EngineMessage> &received() const { return m_received; }

private:
    void push(VenueMessage m)
    {
        m.seq = ++m_pushed;
        m.exchangeTime = m.time = utcNowNs(); // arrival order, on the wall clock
        while (!m_toEngine.tryPush(m))
            std::this_thread::yield();
        m_engineBell.ring();
    }
    void answer(const EngineMessage &request)
    {
        m_received.push_back(request);
        VenueMessage r;
        r.kind = VenueMessage::Kind::Exec;
        r.exec = ExecReport{};
        r.exec.orderId = request.orderId;
        if (request.kind != EngineMessage::Kind::NewOrder) {
            r.exec.type = ExecType::CancelReject; // every order here is filled already
            push(r);
            return;
        }
        r.exec.type = ExecType::Accepted;
        r.exec.leavesQty = request.qty;
        push(r);
        const Price price = request.side == Side::Buy ? m_last.ask : m_last.bid;
        {
            std::lock_guard lock(m_mutex);
            const Money value = notional(price, request.qty);
            if (request.side == Side::Buy) {
                m_cash -= value;
                m_cost += value;
                m_qty += request.qty;
            } else {
                m_cash += value;
                m_cost -= notional(averagePrice(m_cost, m_qty), request.qty);
                m_qty -= request.qty;
            }
        }
        r.exec.type = ExecType::Fill;
        r.exec.fillQty = request.qty;
        r.exec.fillPrice = price;
        r.exec.leavesQty = 0;
        r.exec.executionId = 1;
        push(r);
    }
    void run(std::atomic<bool> &stop)
    {
        SimTime nextQuote = m_firstQuote;
        std::size_t played = 0;
        while (!stop.load()) {
            EngineMessage request;
            while (m_requests.tryPop(request)) {
                answer(request);
                m_answered.fetch_add(1);
            }
            const SimTime now = utcNowNs();
            if (played < m_script.size() && now >= nextQuote) {
                m_last = Quote{0, m_script[played].first, m_script[played].second, 100, 100};
                VenueMessage q;
                q.kind = VenueMessage::Kind::Quote;
                q.quote = m_last;
                push(q);
                ++played;
                nextQuote = now + kQuoteEvery;
            }
            if (now >= m_session.close + kNsPerSecond && m_answered.load() == m_sent)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }

    SessionWindow m_session;
    SimTime m_firstQuote = 0;
    std::vector<std::pair<Price, Price>> m_script;
    Doorbell m_engineBell;
    SpscQueue<VenueMessage, 1 << 10> m_toEngine;
    SpscQueue<EngineMessage, 1 << 10> m_requests;
    std::atomic<std::uint64_t> m_sent{0};     ///< by the engine thread
    std::atomic<std::uint64_t> m_answered{0}; ///< by the venue thread
    std::thread m_thread;
    // The venue thread's.
    Quote m_last{};
    std::uint64_t m_pushed = 0;
    std::vector<EngineMessage> m_received;
    // The back office, told to other threads.
    mutable std::mutex m_mutex;
    Money m_cash;
    Quantity m_qty = 0;
    Money m_cost;
};

Config seamConfig()
{
    Config config = defaultConfig();
    config.simulator.symbols.resize(1); // AAPL: the venue's one symbol
    config.strategies.swing.enabled = false;
    IntradayStrategyConfig &intraday = config.strategies.intraday;
    intraday.symbols.clear();
    intraday.emaTicks = 5;
    intraday.cooldownSeconds = 0;
    // The session is wherever the wall clock is: no time of day stops the strategy.
    intraday.noEntryAfterSecondOfDay = 24 * 3600;
    intraday.flattenAtSecondOfDay = 24 * 3600;
    return config;
}

/// The run of ArrivalVenue's day (the date its calendar names), snapshots often.
RunOptions seamOptions()
{
    RunOptions options;
    options.sessionDate = Date{2026, 12, 3};
    options.snapshotIntervalMs = 20;
    return options;
}

} // namespace

class TestVenueSeam : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theEngineTradesOnAVenueInArrivalOrderOnTheWallClock()
    {
        const Config config = seamConfig();
        QCOMPARE(config.simulator.symbols.front().symbol, std::string("AAPL"));
        auto owned = std::make_unique<ArrivalVenue>(config.broker.paper.startingCash);
        ArrivalVenue &venue = *owned;
        Engine engine(config, seamOptions(), std::move(owned));
        QVERIFY(engine.openBroker("unused: this venue keeps its records itself").empty());
        const std::int64_t started = wallNowNs();
        engine.start();
        engine.waitFinished();
        // The session ran on the wall clock: it lasted about as long as its calendar says.
        QVERIFY(wallNowNs() - started >= venue.session().close - venue.session().open);
        const RunResult r = engine.result();
        QVERIFY(r.completed); // the engine made the open and the close itself

        // Orders reached the venue: an entry, its exit, a second entry.
        const std::vector<EngineMessage> &received = venue.received();
        QCOMPARE(received.size(), std::size_t(3));
        QCOMPARE(int(received[0].side), int(Side::Buy));
        QCOMPARE(received[0].qty, Quantity(200));
        QCOMPARE(int(received[1].side), int(Side::Sell));
        QCOMPARE(received[1].qty, Quantity(200));
        QCOMPARE(int(received[2].side), int(Side::Buy));
        QCOMPARE(received[2].qty, Quantity(201));
        QCOMPARE(r.orders, std::uint64_t(3));
        QCOMPARE(r.fills, std::uint64_t(3));
        QCOMPARE(r.rejects, std::uint64_t(0));

        // Fills booked: 200 bought at 99.52 and sold at 100.00; 201 bought at 99.42 and held
        // over the close, marked at the last mid, 99.41.
        QCOMPARE(r.realizedPnl, Money::fromDollars(96));
        QCOMPARE(r.unrealizedPnl, -Money::fromCents(201));
        QCOMPARE(r.positions.size(), std::size_t(1));
        QCOMPARE(r.positions[0].symbol, std::string("AAPL"));
        QCOMPARE(r.positions[0].qty, Quantity(201));
        QCOMPARE(r.positions[0].avgPrice, px("99.42"));
        QCOMPARE(r.positions[0].markPrice, px("99.41"));
        // ... and the broker's own books, through the seam, say the same.
        QCOMPARE(r.brokerPositions.size(), std::size_t(1));
        QCOMPARE(r.brokerPositions[0].qty, Quantity(201));
        QCOMPARE(r.brokerPositions[0].avgPrice, px("99.42"));
        QCOMPARE(r.brokerPositions[0].markPrice, px("99.41"));
        QCOMPARE(r.brokerCash, config.broker.paper.startingCash + Money::fromDollars(96) - notional(px("99.42"), 201));

        // The venue's statement reaches reconciliation: clean, cash compared.
        std::promise<ReconciliationResult> ran;
        engine.reconcile("test", "tester",
                         [&ran](const ReconciliationResult &result, const CommandResult &) { ran.set_value(result); });
        auto future = ran.get_future();
        QVERIFY(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        const ReconciliationResult recon = future.get();
        QVERIFY2(recon.clean(), recon.incompleteReason.c_str());
        QCOMPARE(recon.positionsChecked, 1);
        QVERIFY(recon.cashCompared);

        // ... and its account the checklists.
        FactsSource source;
        source.snapshot = engine.snapshot();
        source.config = &config;
        source.dataDir = QStringLiteral("/nonexistent");
        source.broker = engine.brokerRecords();
        const ChecklistFacts facts = gatherChecklistFacts(source);
        QVERIFY(facts.accountKnown);
        QVERIFY(facts.accountActive);
        QVERIFY(facts.cash && *facts.cash == r.brokerCash);
        QVERIFY(facts.buyingPower && *facts.buyingPower == r.brokerCash + r.brokerCash);
    }

    void anEngineJoiningTheDayLateDoesNotTakeTheMorningForSilence()
    {
        // Started ten minutes after the open (a restart, an operator late to the day), its
        // first quote two and a half seconds later (the data stream's connection and
        // subscription): the market data has been flowing all along, this engine just was
        // not listening. Were the open made back at the bell, its first seconds would read
        // ten minutes of silence against the 120 s kill limit and the day would end in a kill.
        Config config = seamConfig();
        QVERIFY(config.risk.killFeedSilenceSeconds < 600);
        config.risk.triggerConfirmSeconds = 0; // a breach kills at its second evaluation (a second apart)
        auto owned = std::make_unique<ArrivalVenue>(config.broker.paper.startingCash, 600 * kNsPerSecond,
                                                    4500 * kNsPerMs, 2500 * kNsPerMs);
        ArrivalVenue &venue = *owned;
        Engine engine(config, seamOptions(), std::move(owned));
        QVERIFY(engine.openBroker("unused: this venue keeps its records itself").empty());
        engine.start();
        engine.waitFinished();
        const RunResult r = engine.result();
        QVERIFY(r.completed);
        QVERIFY(engine.snapshot()->tradingState != TradingState::Killed);
        QCOMPARE(venue.received().size(), std::size_t(3)); // it traded as on time
        QCOMPARE(r.fills, std::uint64_t(3));
    }

    void aBrokerThatDoesNotAnswerIsNeverReadAsFlat()
    {
        // An engine whose venue keeps no records (the simulator before its file is opened).
        Config config = defaultConfig();
        RunOptions options;
        options.sessionDate = Date{2026, 11, 20};
        Engine engine(config, options);
        QVERIFY(!engine.brokerRecords());
        const BrokerStatement none = engine.brokerStatement();
        QVERIFY(!none.positionsAnswered && !none.ordersAnswered);
        QVERIFY(!none.error.empty());
        QVERIFY(!reconcile(InternalBooks{}, none).complete());
        FactsSource source;
        source.config = &config;
        source.dataDir = QStringLiteral("/nonexistent");
        source.broker = engine.brokerRecords();
        QVERIFY(!gatherChecklistFacts(source).accountKnown);
    }
};

QTEST_GUILESS_MAIN(TestVenueSeam)
#include "tst_venue_seam.moc"
