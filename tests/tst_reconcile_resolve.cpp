// Reconciliation inside the engine: a run's differences block new entries in their symbols
// (and any "exit" the broker could not take), each class of difference resolved each way it
// can be (adopt, flatten, cancel, accept), the override, repeated runs and resolutions that
// change nothing twice, an incomplete run that forgets nothing, every run and resolution
// journaled; and the drills that make the paper broker change its books out of band.
#include "api/Reconciliation.h"
#include "sim/PaperBroker.h"
#include "sim/PaperBrokerStore.h"
#include "sim/PaperRecords.h"

#include "CoreRig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace vigil;
using namespace vigil::testing;

namespace {

constexpr SymbolId AAPL = 0;
constexpr SymbolId MSFT = 1;
constexpr SymbolId NVDA = 2;

/// A run's result as the reconciliation thread would hand it over.
Command reconciled(ReconciliationResult result, std::string startedBy = "on demand")
{
    Command c = command(CommandKind::RecordReconciliation, startedBy);
    std::get<cmd::RecordReconciliation>(c).startedBy = std::move(startedBy);
    std::get<cmd::RecordReconciliation>(c).result = std::make_shared<const ReconciliationResult>(std::move(result));
    return c;
}

Command resolve(const std::string &key, const std::string &how, std::string note = "checked with the broker")
{
    Command c = command(CommandKind::Resolve, std::move(note));
    std::get<cmd::Resolve>(c).differenceKey = key;
    std::get<cmd::Resolve>(c).resolution = *resolutionFromText(how);
    return c;
}

BrokerStatement statement(std::vector<BookPosition> positions, std::vector<BookOrder> orders = {})
{
    BrokerStatement s;
    s.positionsAnswered = s.ordersAnswered = true;
    s.positions = std::move(positions);
    s.openOrders = std::move(orders);
    return s;
}

/// The engine's books against `broker`, as a run would compare them now.
ReconciliationResult compare(Rig &rig, const BrokerStatement &broker)
{
    return reconcile(booksOf(*rig.core->makeSnapshot(0)), broker);
}

/// The resolutions as the operator reads them.
std::vector<std::string> words(const std::vector<Resolution> &choices)
{
    std::vector<std::string> out;
    for (const Resolution c : choices)
        out.emplace_back(toString(c));
    return out;
}

/// The difference `key` as the snapshot shows it (a default row if there is none).
ReconciliationDifferenceRow row(Rig &rig, const std::string &key)
{
    const std::shared_ptr<const Snapshot> s = rig.core->makeSnapshot(0);
    for (const ReconciliationDifferenceRow &r : s->reconciliation->differences)
        if (r.key == key)
            return r;
    ReconciliationDifferenceRow none;
    none.key = "(none: " + key + ")";
    return none;
}

std::vector<std::string> blocked(Rig &rig) { return rig.core->makeSnapshot(0)->reconciliation->blockedSymbols; }

/// Holds `qty` of `symbol` for `strategy`, bought at `cents`.
void hold(Rig &rig, SymbolId symbol, Quantity qty, std::int64_t cents, StrategyId strategy = 0)
{
    const OrderId id = rig.buy(symbol, qty, cents + 5, strategy);
    QVERIFY(id != 0);
    rig.report(id, ExecType::Fill, qty, cents);
}

std::size_t sentOf(Rig &rig, EngineMessage::Kind kind) { return rig.sink.count(kind); }

} // namespace

class TestReconcileResolve : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aDifferenceBlocksEntriesAndExitsTheBrokerCannotTake()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        rig.quote(MSFT, 20'000, 20'002);
        hold(rig, AAPL, 100, 10'000);
        // Closed by hand at the broker: it holds nothing.
        const CommandResult r = rig.run(reconciled(compare(rig, statement({}))));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(blocked(rig), std::vector<std::string>{"AAPL"});
        const std::uint64_t refusedBefore = rig.core->riskGate().refusals(RejectReason::ReconciliationBlock);
        QCOMPARE(rig.buy(AAPL, 10, 10'002), OrderId(0)); // an entry
        // The strategy's exit would sell at the broker what only our books hold: refused too.
        QCOMPARE(rig.core->submit(0, AAPL, Side::Sell, OrderType::Limit, 100, Price::fromCents(10'000)), OrderId(0));
        QCOMPARE(rig.core->riskGate().refusals(RejectReason::ReconciliationBlock), refusedBefore + 2);
        QVERIFY(rig.buy(MSFT, 10, 20'002) != 0); // the rest trades on

        // Where the broker holds less than we do, an exit it can take passes.
        Rig partial(roomyConfig());
        partial.quote(AAPL, 10'000, 10'002);
        hold(partial, AAPL, 100, 10'000);
        QVERIFY(partial.run(reconciled(compare(partial, statement({{"AAPL", 40, Price::fromCents(10'000)}})))).ok);
        QCOMPARE(partial.buy(AAPL, 10, 10'002), OrderId(0));
        QVERIFY(partial.core->submit(0, AAPL, Side::Sell, OrderType::Limit, 40, Price::fromCents(10'000)) != 0);
        QCOMPARE(partial.core->submit(0, AAPL, Side::Sell, OrderType::Limit, 41, Price::fromCents(10'000)), OrderId(0));
    }

    void adoptingAPositionClosedAtTheBrokerBooksItsTradeToTheCent()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        const Money realizedBefore = rig.core->portfolio().realized();
        // The broker's statement shows the trade done by hand: 100 sold at 101.50, $1 fee.
        BrokerStatement broker = statement({});
        broker.outsideTrades.push_back({"AAPL", -100, Price::fromCents(10'150), Money::fromDollars(1)});
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        const std::size_t sent = rig.sink.sent.size();
        const CommandResult adopted = rig.run(resolve("position AAPL", "adopt"));
        QVERIFY2(adopted.ok, adopted.message.c_str());
        QCOMPARE(rig.sink.sent.size(), sent); // booked, never sent: the broker already did it
        QCOMPARE(rig.core->portfolio().position(AAPL), Quantity(0));
        QCOMPARE(rig.core->portfolio().realized() - realizedBefore, Money::fromDollars(149)); // 150 - the $1 fee
        QCOMPARE(int(row(rig, "position AAPL").status), int(ReconciliationDifferenceRow::Status::Resolved));
        QVERIFY(blocked(rig).empty());
        const auto snapshot = rig.core->makeSnapshot(0);
        QCOMPARE(snapshot->recentFills.back().strategy, std::string("reconciliation"));
        QVERIFY(snapshot->recentFills.back().clientOrderId.find("-rc-") != std::string::npos);
        // A second resolution of the same difference is refused; a run on the books now is clean.
        QVERIFY(!rig.run(resolve("position AAPL", "adopt")).ok);
        QVERIFY(compare(rig, statement({})).clean());
        QVERIFY(rig.run(reconciled(compare(rig, statement({})))).ok);
        QVERIFY(rig.core->makeSnapshot(0)->reconciliation->differences.empty());
    }

    void adoptingEachPositionDifference()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        rig.quote(MSFT, 20'000, 20'002);
        rig.quote(NVDA, 12'000, 12'002);
        hold(rig, AAPL, 60, 10'000, 0);
        hold(rig, AAPL, 40, 10'000, 1);
        hold(rig, NVDA, 30, 12'000, 1);
        // AAPL: the broker holds 30 of our 100 (quantity differs, less); MSFT: the broker holds
        // a short we do not (missing here); NVDA: the broker holds 50 at 121.20 (more).
        const BrokerStatement broker = statement({{"AAPL", 30, Price::fromCents(10'000)},
                                                  {"MSFT", -7, Price::fromCents(24'000)},
                                                  {"NVDA", 50, Price::fromCents(12'120)}});
        const ReconciliationResult found = compare(rig, broker);
        QCOMPARE(found.differences.size(), std::size_t(3));
        QVERIFY(rig.run(reconciled(found)).ok);
        QCOMPARE(blocked(rig), (std::vector<std::string>{"AAPL", "MSFT", "NVDA"}));
        for (const char *key : {"position AAPL", "position MSFT", "position NVDA"}) {
            const CommandResult r = rig.run(resolve(key, "adopt"));
            QVERIFY2(r.ok, r.message.c_str());
        }
        const Portfolio &p = rig.core->portfolio();
        // AAPL: 70 taken from the books that held it, the largest first.
        QCOMPARE(p.position(AAPL), Quantity(30));
        QCOMPARE(p.position(StrategyId(0), AAPL), Quantity(0));
        QCOMPARE(p.position(StrategyId(1), AAPL), Quantity(30));
        // MSFT: in the reconciliation book, at the broker's average.
        QCOMPARE(p.position(rig.core->reconciliationBook(), MSFT), Quantity(-7));
        QCOMPARE(p.book(MSFT).averagePrice(), Price::fromCents(24'000));
        // NVDA: 20 more, priced so that the average is the broker's to the 1/10000 $.
        QCOMPARE(p.position(NVDA), Quantity(50));
        QCOMPARE(p.book(NVDA).averagePrice(), Price::fromCents(12'120));
        QVERIFY(compare(rig, broker).clean());
        QVERIFY(blocked(rig).empty());
    }

    void averagePriceAndOrderDifferences()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        rig.quote(MSFT, 20'000, 20'002);
        hold(rig, AAPL, 10, 10'000);
        const OrderId ours = rig.buy(MSFT, 5, 19'950);
        QVERIFY(ours != 0);
        rig.report(ours, ExecType::Accepted);
        const std::string ourId = rig.core->orders().find(ours)->clientOrderId;
        // The broker: AAPL at another average; our MSFT order gone; an order of its own.
        const BrokerStatement broker =
            statement({{"AAPL", 10, Price::fromCents(10'050)}}, {{"MANUAL-1", "MSFT", Side::Buy, 3, 0}});
        const ReconciliationResult found = compare(rig, broker);
        QCOMPARE(found.differences.size(), std::size_t(3));
        QVERIFY(rig.run(reconciled(found)).ok);
        // Only the ways that apply are offered.
        QCOMPARE(words(row(rig, "position AAPL").choices), (std::vector<std::string>{"flatten", "accept"}));
        QCOMPARE(words(row(rig, "order MANUAL-1").choices), (std::vector<std::string>{"cancel", "accept"}));
        QCOMPARE(words(row(rig, "order " + ourId).choices), (std::vector<std::string>{"adopt", "accept"}));
        QVERIFY(!rig.run(resolve("position AAPL", "adopt")).ok);

        // Our order the broker does not hold: adopted as cancelled.
        QVERIFY(rig.run(resolve("order " + ourId, "adopt")).ok);
        QCOMPARE(int(rig.core->orders().find(ours)->status), int(OrderStatus::Cancelled));
        // The broker's own order: cancelled at the broker by its client order id.
        const std::size_t cancels = sentOf(rig, EngineMessage::Kind::Cancel);
        QVERIFY(rig.run(resolve("order MANUAL-1", "cancel")).ok);
        QCOMPARE(sentOf(rig, EngineMessage::Kind::Cancel), cancels + 1);
        QCOMPARE(rig.sink.sent.back().orderId, OrderId(0));
        QCOMPARE(std::string(rig.sink.sent.back().clientOrderIdView()), std::string("MANUAL-1"));
        QCOMPARE(int(row(rig, "order MANUAL-1").status), int(ReconciliationDifferenceRow::Status::Resolving));
        QCOMPARE(blocked(rig), (std::vector<std::string>{"AAPL", "MSFT"})); // until a run confirms it
        // The average price: flattened, the symbol closed at market.
        QVERIFY(rig.run(resolve("position AAPL", "flatten")).ok);
        QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::NewOrder));
        QCOMPARE(rig.sink.sent.back().symbol, AAPL);
        QCOMPARE(int(rig.sink.sent.back().side), int(Side::Sell));
        QCOMPARE(rig.sink.sent.back().qty, Quantity(10));
        rig.report(rig.sink.sent.back().orderId, ExecType::Fill, 10, 10'000);
        // The next run finds both sides flat and the manual order gone.
        QVERIFY(rig.run(reconciled(compare(rig, statement({}, {})))).ok);
        QVERIFY(rig.core->makeSnapshot(0)->reconciliation->differences.empty());
        QVERIFY(blocked(rig).empty());
    }

    void flattenAdoptsThenCloses()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        // The broker holds 10 AAPL bought by hand; we hold none.
        QVERIFY(rig.run(reconciled(compare(rig, statement({{"AAPL", 10, Price::fromCents(10'001)}})))).ok);
        const CommandResult r = rig.run(resolve("position AAPL", "flatten"));
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(rig.core->portfolio().position(rig.core->reconciliationBook(), AAPL), Quantity(10));
        QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::NewOrder));
        QCOMPARE(int(rig.sink.sent.back().side), int(Side::Sell));
        QCOMPARE(rig.sink.sent.back().qty, Quantity(10));
        QCOMPARE(int(row(rig, "position AAPL").status), int(ReconciliationDifferenceRow::Status::Resolving));
    }

    void aFlattenAtARealBrokerIsFlatOnlyWhenItsPositionsSaySo()
    {
        // Two runs: the broker's answer clean, and the broker still holding what the books closed.
        for (const bool brokerStillHolds : {false, true}) {
            Rig rig(roomyConfig());
            int asked = 0;
            rig.core->verifyFlatWithBroker([&asked] { ++asked; });
            rig.quote(AAPL, 10'000, 10'002);
            const OrderId entry = rig.buy(AAPL, 30, 10'002);
            rig.report(entry, ExecType::Fill, 30, 10'002);
            Command flatten = command(CommandKind::Flatten, "end of the test");
            std::get<cmd::Flatten>(flatten).scope = {FlattenScope::Kind::All, ""};
            QVERIFY(rig.run(flatten).ok);
            QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::NewOrder));
            rig.report(rig.sink.sent.back().orderId, ExecType::Fill, 30, 10'000);

            // The books are flat: not yet the flatten, which asks the broker.
            QCOMPARE(rig.core->portfolio().position(AAPL), Quantity(0));
            QCOMPARE(asked, 1);
            FlattenStatus status = rig.core->makeSnapshot(0)->flatten;
            QVERIFY(status.phase == FlattenStatus::Phase::Closing);
            QVERIFY2(status.detail.find("waiting for the broker's positions") != std::string::npos,
                     status.detail.c_str());

            // An answer without the positions is never read as flat: asked again a moment later.
            ReconciliationResult unread;
            unread.ordersCompared = true;
            unread.incompleteReason = "the broker's positions: HTTP 503";
            QVERIFY(rig.run(reconciled(unread, std::string(EngineCore::kFlattenCheck))).ok);
            status = rig.core->makeSnapshot(0)->flatten;
            QVERIFY(status.phase == FlattenStatus::Phase::Closing);
            QVERIFY2(status.detail.find("HTTP 503") != std::string::npos, status.detail.c_str());
            rig.clock(2);
            QCOMPARE(asked, 2);

            const BrokerStatement broker =
                brokerStillHolds ? statement({{"AAPL", 30, Price::fromCents(10'002)}}) : statement({});
            QVERIFY(rig.run(reconciled(compare(rig, broker), std::string(EngineCore::kFlattenCheck))).ok);
            const std::shared_ptr<const Snapshot> s = rig.core->makeSnapshot(0);
            if (!brokerStillHolds) {
                QVERIFY(s->flatten.phase == FlattenStatus::Phase::Flat);
                QVERIFY2(s->flatten.detail.find("confirmed by the broker's positions") != std::string::npos,
                         s->flatten.detail.c_str());
                continue;
            }
            QVERIFY(s->flatten.phase == FlattenStatus::Phase::Failed);
            QVERIFY2(s->flatten.detail.find("the broker's positions differ in 1 symbol") != std::string::npos,
                     s->flatten.detail.c_str());
            QVERIFY(std::any_of(s->alerts.begin(), s->alerts.end(), [](const AlertRow &a) {
                return a.severity == AlertSeverity::Critical
                       && a.message.find("flatten all failed") != std::string::npos;
            }));
        }
    }

    void aFlattenOfEverythingIsOneCloseAllWhereTheBrokerClosesInBulk()
    {
        // Two books hold AAPL, one MSFT. At a broker that closes the account in one request
        // the closing orders, one per book and symbol, are held for one CloseAll; without it,
        // or for a flatten of one strategy, each goes alone.
        for (const bool bulk : {true, false}) {
            Rig rig(roomyConfig());
            rig.core->closeInBulk(bulk);
            rig.quote(AAPL, 10'000, 10'002);
            rig.quote(MSFT, 20'000, 20'002);
            for (const auto &[strategy, symbol, qty] :
                 {std::tuple{StrategyId{0}, AAPL, Quantity{30}}, std::tuple{StrategyId{1}, AAPL, Quantity{10}},
                  std::tuple{StrategyId{1}, MSFT, Quantity{5}}}) {
                const OrderId entry = rig.buy(symbol, qty, symbol == AAPL ? 10'002 : 20'002, strategy);
                QVERIFY(entry != 0);
                rig.report(entry, ExecType::Fill, qty, symbol == AAPL ? 10'002 : 20'002);
            }
            const std::size_t before = rig.sink.sent.size();
            Command flatten = command(CommandKind::Flatten, "end of the test");
            std::get<cmd::Flatten>(flatten).scope = {FlattenScope::Kind::All, ""};
            QVERIFY(rig.run(flatten).ok);
            std::vector<EngineMessage> sent(rig.sink.sent.begin() + static_cast<std::ptrdiff_t>(before),
                                            rig.sink.sent.end());
            QCOMPARE(sent.size(), std::size_t(bulk ? 4 : 3));
            for (std::size_t i = 0; i < 3; ++i) {
                QVERIFY(sent[i].kind == EngineMessage::Kind::NewOrder && sent[i].side == Side::Sell);
                QCOMPARE(sent[i].inCloseAll, bulk);
            }
            if (bulk)
                QVERIFY(sent.back().kind == EngineMessage::Kind::CloseAll);
            QVERIFY2(rig.core->makeSnapshot(0)->flatten.detail.find("in one request") != std::string::npos || !bulk,
                     rig.core->makeSnapshot(0)->flatten.detail.c_str());
            // The broker's fills (the venue shares its netted ones out) close each book.
            for (std::size_t i = 0; i < 3; ++i)
                rig.report(sent[i].orderId, ExecType::Fill, sent[i].qty, sent[i].symbol == AAPL ? 10'000 : 20'000);
            QVERIFY(rig.core->makeSnapshot(0)->flatten.phase == FlattenStatus::Phase::Flat);
        }

        // One symbol's flatten goes order by order, even where the broker closes in bulk.
        Rig rig(roomyConfig());
        rig.core->closeInBulk(true);
        rig.quote(AAPL, 10'000, 10'002);
        const OrderId entry = rig.buy(AAPL, 30, 10'002, 1);
        rig.report(entry, ExecType::Fill, 30, 10'002);
        const std::size_t before = rig.sink.sent.size();
        Command flatten = command(CommandKind::Flatten, "one symbol");
        std::get<cmd::Flatten>(flatten).scope = {FlattenScope::Kind::Symbol, "AAPL"};
        const CommandResult flattened = rig.run(flatten);
        QVERIFY2(flattened.ok, flattened.message.c_str());
        QCOMPARE(rig.sink.sent.size(), before + 1);
        QVERIFY(rig.sink.sent.back().kind == EngineMessage::Kind::NewOrder && !rig.sink.sent.back().inCloseAll);
    }

    void acceptingKeepsTheDifferenceAndARepeatedRunChangesNothing()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        const BrokerStatement broker = statement({{"AAPL", 90, Price::fromCents(10'000)}});
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        const std::size_t alerts = rig.core->makeSnapshot(0)->alerts.size();
        QVERIFY(!rig.run(resolve("position AAPL", "accept", "")).ok); // a note is required
        QVERIFY(rig.run(resolve("position AAPL", "accept", "10 lent out; the broker knows")).ok);
        QCOMPARE(int(row(rig, "position AAPL").status), int(ReconciliationDifferenceRow::Status::Accepted));
        QVERIFY(row(rig, "position AAPL").resolution.find("10 lent out") != std::string::npos);
        QVERIFY(blocked(rig).empty());
        // The same difference again: still accepted, no new alert, not blocked.
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        QCOMPARE(int(row(rig, "position AAPL").status), int(ReconciliationDifferenceRow::Status::Accepted));
        QCOMPARE(rig.core->makeSnapshot(0)->alerts.size(), alerts);
        QVERIFY(blocked(rig).empty());
        // Another difference in the symbol: open and blocked again.
        QVERIFY(rig.run(reconciled(compare(rig, statement({{"AAPL", 80, Price::fromCents(10'000)}})))).ok);
        QCOMPARE(int(row(rig, "position AAPL").status), int(ReconciliationDifferenceRow::Status::Open));
        QCOMPARE(blocked(rig), std::vector<std::string>{"AAPL"});
        QCOMPARE(rig.core->makeSnapshot(0)->alerts.size(), alerts + 1);
    }

    void aCashDifferenceIsItsOwnClassAcceptedWithANote()
    {
        Rig rig(roomyConfig());
        BreakableJournal journal;
        rig.core->setJournal(&journal);
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        const InternalBooks books = booksOf(*rig.core->makeSnapshot(0));
        QVERIFY(books.cash.has_value());
        // The books' cash: the starting cash less what the position cost.
        QCOMPARE(books.cash->raw(), (rig.config.broker.paper.startingCash - Money::fromDollars(10'000)).raw());
        BrokerStatement broker = statement({{"AAPL", 100, Price::fromCents(10'000)}});
        broker.cash = *books.cash + Money::parse("1645.38").value(); // the broker holds more
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        ReconciliationDifferenceRow cash = row(rig, "cash");
        QCOMPARE(std::string(toString(cash.kind)), std::string("cash differs"));
        QCOMPARE(int(cash.status), int(ReconciliationDifferenceRow::Status::Open));
        QCOMPARE(words(cash.choices), std::vector<std::string>{"accept"});
        QVERIFY2(cash.description.find("1645.38 apart") != std::string::npos, cash.description.c_str());
        QVERIFY(blocked(rig).empty()); // cash belongs to no symbol: AAPL trades on
        QVERIFY(rig.buy(AAPL, 10, 10'002) != 0);
        const auto alerts = rig.core->makeSnapshot(0)->alerts;
        QVERIFY(alerts.back().message.find("cash differs") != std::string::npos);
        // Journaled in the difference's own columns, to 1/10000 $.
        const auto recorded = std::find_if(journal.records.begin(), journal.records.end(), [](const JournalRecord &r) {
            return r.kind == JournalRecord::Kind::ReconciliationDifference;
        });
        QVERIFY(recorded != journal.records.end());
        QCOMPARE(std::string(recorded->keyView()), std::string("cash"));
        QCOMPARE(std::string(recorded->actionView()), std::string("cash"));
        QCOMPARE(recorded->otherPrice.raw(), broker.cash->raw());
        QCOMPARE(recorded->price.raw(), books.cash->raw());

        // Only accepted, with a note: nothing in the books can be adopted for it.
        const CommandResult adopt = rig.run(resolve("cash", "adopt"));
        QVERIFY(!adopt.ok);
        QVERIFY2(adopt.message.find("choose one of: accept") != std::string::npos, adopt.message.c_str());
        QVERIFY(rig.run(resolve("cash", "accept", "a deposit the broker booked at 9:45")).ok);
        cash = row(rig, "cash");
        QCOMPARE(int(cash.status), int(ReconciliationDifferenceRow::Status::Accepted));
        QVERIFY(cash.resolution.find("a deposit") != std::string::npos);
        // The same gap again stays accepted; another gap is open again.
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        QCOMPARE(int(row(rig, "cash").status), int(ReconciliationDifferenceRow::Status::Accepted));
        broker.cash = *broker.cash + Money::fromDollars(1);
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        QCOMPARE(int(row(rig, "cash").status), int(ReconciliationDifferenceRow::Status::Open));
    }

    void anOperatorMayUnblockASymbol()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        const BrokerStatement broker = statement({{"AAPL", 90, Price::fromCents(10'000)}});
        QVERIFY(rig.run(reconciled(compare(rig, broker))).ok);
        QCOMPARE(rig.buy(AAPL, 10, 10'002), OrderId(0));
        Command unblock = command(CommandKind::Unblock, "the desk is on the phone with the broker");
        std::get<cmd::Unblock>(unblock).symbol = "AAPL";
        QVERIFY(rig.run(unblock).ok);
        QVERIFY(rig.buy(AAPL, 10, 10'002) != 0);
        QCOMPARE(rig.core->makeSnapshot(0)->reconciliation->unblockedSymbols, std::vector<std::string>{"AAPL"});
        QVERIFY(!rig.run(unblock).ok); // nothing left to unblock
        // A new difference there is not covered by the override.
        QVERIFY(rig.run(reconciled(compare(rig, statement({{"AAPL", 50, Price::fromCents(10'000)}})))).ok);
        QCOMPARE(rig.buy(AAPL, 10, 10'002), OrderId(0));
    }

    void anIncompleteRunForgetsNothing()
    {
        Rig rig(roomyConfig());
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        QVERIFY(rig.run(reconciled(compare(rig, statement({})))).ok);
        BrokerStatement failed;
        failed.error = "HTTP 503";
        QVERIFY(rig.run(reconciled(compare(rig, failed), "broker reconnect")).ok);
        const auto s = rig.core->makeSnapshot(0);
        QCOMPARE(s->reconciliation->differences.size(), std::size_t(1));
        QCOMPARE(blocked(rig), std::vector<std::string>{"AAPL"});
        QVERIFY(!s->reconciliation->last().complete);
        QCOMPARE(s->reconciliation->last().startedBy, std::string("broker reconnect"));
        QCOMPARE(s->reconciliation->runs.size(), std::size_t(2));
        QVERIFY(s->alerts.back().message.find("incomplete") != std::string::npos);
    }

    void everyClassResolvedEveryWayItCanBe()
    {
        using Status = ReconciliationDifferenceRow::Status;
        struct Case {
            const char *name;
            std::function<void(Rig &)> setUp; ///< our books
            BrokerStatement broker;
        };
        const std::vector<Case> cases{
            {"missing at the broker", [](Rig &r) { hold(r, AAPL, 100, 10'000); }, statement({})},
            {"missing here", [](Rig &) {}, statement({{"AAPL", 30, Price::fromCents(10'000)}})},
            {"quantity differs", [](Rig &r) { hold(r, AAPL, 100, 10'000); },
             statement({{"AAPL", 60, Price::fromCents(10'000)}})},
            {"average price differs", [](Rig &r) { hold(r, AAPL, 100, 10'000); },
             statement({{"AAPL", 100, Price::fromCents(10'040)}})},
            {"unknown order at the broker", [](Rig &) {}, statement({}, {{"MANUAL-9", "AAPL", Side::Buy, 10, 0}})},
            {"order the broker does not know",
             [](Rig &r) {
                 const OrderId id = r.buy(AAPL, 10, 9'990);
                 r.report(id, ExecType::Accepted);
             },
             statement({})},
        };
        for (const Case &c : cases) {
            // Which resolutions apply, from a first run.
            Rig probe(roomyConfig());
            probe.quote(AAPL, 10'000, 10'002);
            c.setUp(probe);
            const ReconciliationResult found = compare(probe, c.broker);
            QVERIFY2(found.differences.size() == 1, c.name);
            const std::string key = found.differences.front().key();
            QCOMPARE(std::string(toString(found.differences.front().kind)), std::string(c.name));
            for (const std::string &how : words(resolutionsFor(found.differences.front().kind))) {
                Rig rig(roomyConfig());
                rig.quote(AAPL, 10'000, 10'002);
                c.setUp(rig);
                QVERIFY(rig.run(reconciled(compare(rig, c.broker))).ok);
                QCOMPARE(blocked(rig), std::vector<std::string>{"AAPL"});
                const CommandResult r = rig.run(resolve(key, how));
                QVERIFY2(r.ok, (std::string(c.name) + " / " + how + ": " + r.message).c_str());
                const Status expected = how == "accept"  ? Status::Accepted
                                        : how == "adopt" ? Status::Resolved
                                                         : Status::Resolving;
                QCOMPARE(int(row(rig, key).status), int(expected));
                // Adopted or accepted: the symbol trades again at once; the rest once a run confirms.
                QCOMPARE(blocked(rig).empty(), expected != Status::Resolving);
            }
        }
    }

    void runsAndResolutionsAreJournaled()
    {
        Rig rig(roomyConfig());
        BreakableJournal journal;
        rig.core->setJournal(&journal);
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        QVERIFY(rig.run(reconciled(compare(rig, statement({})), "start-up")).ok);
        QVERIFY(rig.run(resolve("position AAPL", "adopt", "closed by hand at 9:31")).ok);
        auto count = [&](JournalRecord::Kind kind) {
            return std::count_if(journal.records.begin(), journal.records.end(),
                                 [kind](const JournalRecord &r) { return r.kind == kind; });
        };
        QCOMPARE(count(JournalRecord::Kind::ReconciliationRun), 1);
        QCOMPARE(count(JournalRecord::Kind::ReconciliationDifference), 1);
        QCOMPARE(count(JournalRecord::Kind::ReconciliationResolution), 1);
        const auto run = std::find_if(journal.records.begin(), journal.records.end(), [](const JournalRecord &r) {
            return r.kind == JournalRecord::Kind::ReconciliationRun;
        });
        QCOMPARE(std::string(run->actionView()), std::string("start-up"));
        QVERIFY(run->complete);
        const auto resolution =
            std::find_if(journal.records.begin(), journal.records.end(), [](const JournalRecord &r) {
                return r.kind == JournalRecord::Kind::ReconciliationResolution;
            });
        QCOMPARE(std::string(resolution->keyView()), std::string("position AAPL"));
        QCOMPARE(std::string(resolution->actionView()), std::string("adopt"));
        QCOMPARE(std::string(resolution->textView()), std::string("closed by hand at 9:31"));
        QCOMPARE(std::string(resolution->actorView()), std::string("tester"));
        // The adopting fill is journaled under its deterministic id, with the operator's name.
        const auto fill = std::find_if(journal.records.rbegin(), journal.records.rend(),
                                       [](const JournalRecord &r) { return r.kind == JournalRecord::Kind::Fill; });
        const Difference d =
            reconcile({{{"AAPL", 100, Price::fromCents(10'000)}}, {}}, statement({})).differences.front();
        QCOMPARE(fill->executionId, reconciliationExecutionId("2026-11-20", d, "close"));
    }

    void drillsGoToTheVenue()
    {
        Rig rig(roomyConfig());
        Command drill = command(CommandKind::Drill, "rehearsal");
        std::get<cmd::Drill>(drill).kind = DrillKind::BrokerManualClose;
        std::get<cmd::Drill>(drill).subject = "AAPL";
        QVERIFY(rig.run(drill).ok);
        const EngineMessage &m = rig.sink.sent.back();
        QCOMPARE(int(m.kind), int(EngineMessage::Kind::Drill));
        QCOMPARE(int(m.drill), int(DrillKind::BrokerManualClose));
        QCOMPARE(std::string(m.clientOrderIdView()), std::string("AAPL"));
        QVERIFY(rig.core->makeSnapshot(0)->alerts.back().message.find("DRILL broker-manual-close")
                != std::string::npos);
        std::get<cmd::Drill>(drill).kind = static_cast<DrillKind>(200); // no name gives it: only a cast
        const CommandResult refused = rig.run(drill);
        QVERIFY(!refused.ok);
        QVERIFY(refused.message.find("feed-silence") != std::string::npos); // says which exist
    }

    void thePaperBrokersDrillsProduceEachDifference()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("paper-broker.sqlite"));
        const Config config = defaultConfig();
        std::vector<std::string> names;
        for (const SymbolSpec &s : config.simulator.symbols)
            names.push_back(s.symbol);
        PaperBrokerStore store;
        QCOMPARE(store.open(file.toStdString()), std::string());
        PaperBroker broker(config.broker.paper, names.size());
        QCOMPARE(broker.attach(&store, names, "2026-11-20"), std::string());
        std::vector<ExecReport> out;
        broker.onQuote(Quote{AAPL, Price::fromCents(10'000), Price::fromCents(10'002), 500, 500}, out);
        broker.onQuote(Quote{MSFT, Price::fromCents(20'000), Price::fromCents(20'002), 500, 500}, out);
        // The engine's orders: 100 AAPL bought, a MSFT bid working.
        auto order = [&](OrderId id, SymbolId symbol, Quantity qty, std::int64_t limitCents, const char *clientId) {
            EngineMessage m;
            m.orderId = id;
            m.symbol = symbol;
            m.qty = qty;
            m.type = OrderType::Limit;
            m.limitPrice = Price::fromCents(limitCents);
            m.setClientOrderId(clientId);
            broker.onOrder(m, out);
        };
        order(1, AAPL, 100, 10'002, "VG-20261120-mr-000001");
        order(2, MSFT, 5, 19'000, "VG-20261120-mr-000002");
        QCOMPARE(broker.persist(), std::string());
        const InternalBooks ours{{{"AAPL", 100, Price::fromCents(10'002)}},
                                 {{"VG-20261120-mr-000002", "MSFT", Side::Buy, 5, 0}}};
        QVERIFY(reconcile(ours, PaperRecords(file).statement()).clean());
        out.clear();

        auto kinds = [&] {
            std::vector<DifferenceKind> k;
            for (const Difference &d : reconcile(ours, PaperRecords(file).statement()).differences)
                k.push_back(d.kind);
            return k;
        };
        // Each drill is in the broker's file, and nothing is reported to the engine.
        QVERIFY(broker.drill(DrillKind::BrokerCancelOrder, "").text.find("VG-20261120-mr-000002") != std::string::npos);
        QCOMPARE(broker.persist(), std::string());
        QCOMPARE(kinds(), std::vector<DifferenceKind>{DifferenceKind::OrderUnknownToBroker});
        broker.drill(DrillKind::BrokerManualOrder, "MSFT");
        QCOMPARE(broker.persist(), std::string());
        QCOMPARE(kinds(), (std::vector<DifferenceKind>{DifferenceKind::UnknownBrokerOrder,
                                                       DifferenceKind::OrderUnknownToBroker}));
        broker.drill(DrillKind::BrokerManualTrade, "MSFT", 7);
        QCOMPARE(broker.persist(), std::string());
        // 5 AAPL more bought by hand: the quantity differs; books that had counted them would
        // still differ in their average price.
        broker.onQuote(Quote{AAPL, Price::fromCents(10'100), Price::fromCents(10'102), 500, 500}, out);
        QVERIFY(broker.drill(DrillKind::BrokerManualTrade, "AAPL", 5).text.find("bought 5 AAPL by hand at 101.02")
                != std::string::npos);
        QCOMPARE(broker.persist(), std::string());
        const std::vector<DifferenceKind> withTrade = kinds();
        QVERIFY(std::find(withTrade.begin(), withTrade.end(), DifferenceKind::QuantityDiffers) != withTrade.end());
        const InternalBooks counted{{{"AAPL", 105, Price::fromCents(10'002)}}, {}};
        const ReconciliationResult costed = reconcile(counted, PaperRecords(file).statement());
        QVERIFY(std::any_of(costed.differences.begin(), costed.differences.end(), [](const Difference &d) {
            return d.symbol == "AAPL" && d.kind == DifferenceKind::AveragePriceDiffers;
        }));
        QVERIFY(broker.drill(DrillKind::BrokerManualClose, "AAPL").text.find("closed 105 AAPL by hand at 101.00")
                != std::string::npos);
        QCOMPARE(broker.persist(), std::string());
        QVERIFY(out.empty());
        const ReconciliationResult r = reconcile(ours, PaperRecords(file).statement());
        std::vector<DifferenceKind> found;
        for (const Difference &d : r.differences)
            found.push_back(d.kind);
        QCOMPARE(found, (std::vector<DifferenceKind>{DifferenceKind::MissingAtBroker, DifferenceKind::MissingInternally,
                                                     DifferenceKind::UnknownBrokerOrder,
                                                     DifferenceKind::OrderUnknownToBroker}));
        // The hand trades explain the position differences exactly, at their own prices: AAPL
        // net of the 5 bought at 101.02 and the 105 sold at 101.00.
        const Difference &closed = r.differences[0];
        QVERIFY(closed.explainedByTrades);
        QCOMPARE(closed.tradePrice, Price::fromRaw(1'009'990));
        const Difference &bought = r.differences[1];
        QCOMPARE(bought.brokerQty, Quantity(7));
        QVERIFY(bought.explainedByTrades);
        QCOMPARE(bought.tradePrice, Price::fromCents(20'002));
    }

    void aRestoredBookResumesOnlyAfterACleanReconciliation()
    {
        // After a restore the engine starts paused with the restore's hold (main.cpp): the
        // operator's resume is refused until the last run is complete and nothing is open,
        // and the resume that passes removes the hold from the data directory.
        QTemporaryDir dir;
        const std::string marker = dir.filePath(QStringLiteral("restored-hold.json")).toStdString();
        {
            QFile f(QString::fromStdString(marker));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        Rig rig(roomyConfig());
        rig.core->holdAfterRestore(marker);
        rig.quote(AAPL, 10'000, 10'002);
        hold(rig, AAPL, 100, 10'000);
        Command resume = command(CommandKind::Resume, "looks fine");
        std::get<cmd::Resume>(resume).acknowledgement = "checked the restore"; // for the halt below

        // Maintenance entered from ACTIVE (as a restored journal may have left it) does not
        // go back to ACTIVE past the hold, nor does a halt's resume.
        Command maintenance = command(CommandKind::MaintenanceEnter, "broker upgrade");
        std::get<cmd::MaintenanceEnter>(maintenance).banner = "broker upgrade";
        QVERIFY(rig.run(maintenance).ok);
        CommandResult r = rig.run(command(CommandKind::MaintenanceExit, "upgrade done"));
        QVERIFY2(!r.ok && r.message.find("restored from a backup") != std::string::npos, r.message.c_str());
        QVERIFY(r.state == TradingState::Maintenance);
        QVERIFY(rig.run(command(CommandKind::Halt, "restored")).ok);
        r = rig.run(resume);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.find("no reconciliation has run since the restore") != std::string::npos, r.message.c_str());
        QVERIFY(r.state == TradingState::Halted);

        QVERIFY(rig.run(reconciled(compare(rig, statement({})))).ok); // the broker holds nothing
        r = rig.run(resume);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.find("1 difference is not resolved") != std::string::npos, r.message.c_str());
        QVERIFY(QFile::exists(QString::fromStdString(marker)));

        BrokerStatement incomplete = statement({{"AAPL", 100, Price::fromCents(10'000)}});
        incomplete.ordersAnswered = false;
        QVERIFY(rig.run(reconciled(compare(rig, incomplete))).ok);
        r = rig.run(resume);
        QVERIFY2(!r.ok && r.message.find("incomplete") != std::string::npos, r.message.c_str());

        QVERIFY(rig.run(reconciled(compare(rig, statement({{"AAPL", 100, Price::fromCents(10'000)}})))).ok);
        r = rig.run(resume);
        QVERIFY2(r.ok, r.message.c_str());
        QVERIFY(r.state == TradingState::Active);
        QVERIFY(!QFile::exists(QString::fromStdString(marker)));
        // Held no more: a later pause and resume need no reconciliation.
        QVERIFY(rig.run(command(CommandKind::Pause, "lunch")).ok);
        QVERIFY(rig.run(command(CommandKind::Resume, "back")).ok);
    }
};

QTEST_MAIN(TestReconcileResolve)
#include "tst_reconcile_resolve.moc"
