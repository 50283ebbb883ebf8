// A close-all at Alpaca shared out among the books (alpaca/CloseAllocation): Alpaca closes
// each symbol with one netted order of its own; each book's closing order must end with the
// shares it held, at prices the broker's fills give, the books' sum equal to the account's,
// and every order ended exactly once.

#include "alpaca/CloseAllocation.h"

#include <QtTest>

#include <map>

using namespace vigil;
using namespace vigil::alpaca;

namespace {

using Member = CloseAllocation::Member;

Price px(const char *text) { return *Price::parse(text); }

ExecReport groupReport(OrderId group, ExecType type, Quantity qty = 0, Price price = {}, Quantity leaves = 0)
{
    ExecReport r{};
    r.orderId = group;
    r.type = type;
    r.reason = RejectReason::None;
    r.fillQty = qty;
    r.fillPrice = price;
    r.leavesQty = leaves;
    return r;
}

/// Per order: shares filled, cash moved (buys negative), the execution ids, how it ended.
struct Outcome {
    Quantity filled = 0;
    Money cash;
    std::vector<std::uint64_t> executionIds;
    int accepted = 0;
    std::vector<ExecType> ends;
};

std::map<OrderId, Outcome> outcomes(const std::vector<ExecReport> &reports, const std::vector<Member> &members)
{
    std::map<OrderId, Outcome> out;
    for (const ExecReport &r : reports) {
        Outcome &o = out[r.orderId];
        const auto member =
            std::find_if(members.begin(), members.end(), [&](const Member &m) { return m.id == r.orderId; });
        switch (r.type) {
        case ExecType::Accepted: ++o.accepted; break;
        case ExecType::Fill: {
            o.filled += r.fillQty;
            const Money value = notional(r.fillPrice, r.fillQty);
            o.cash = o.cash + (member->side == Side::Buy ? Money() - value : value);
            o.executionIds.push_back(r.executionId);
            if (r.leavesQty == 0)
                o.ends.push_back(ExecType::Fill);
            break;
        }
        default: o.ends.push_back(r.type); break;
        }
    }
    return out;
}

} // namespace

class AlpacaCloseTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void opposedBooksCrossAndTheNetGoesToTheMarket()
    {
        // Book 1 long 100, book 2 short 40, book 3 long 20: Alpaca holds 80 and sells 80.
        CloseAllocation a;
        const std::vector<Member> members{{11, 0, Side::Sell, 100}, {12, 0, Side::Buy, 40}, {13, 0, Side::Sell, 20}};
        for (const Member &m : members)
            a.collect(m);
        const std::vector<Member> batch = a.takeBatch();
        QCOMPARE(batch.size(), std::size_t(3));
        QVERIFY(a.takeBatch().empty()); // the next batch starts empty
        const OrderId g = a.open(batch, Side::Sell);
        QVERIFY(a.isGroup(g));
        QVERIFY(g >= CloseAllocation::kFirstGroup);
        QCOMPARE(a.groupOf(12), g);
        QCOMPARE(a.groupOf(99), OrderId{0});

        std::vector<ExecReport> out;
        a.translate(groupReport(g, ExecType::Accepted), out);
        a.translate(groupReport(g, ExecType::Fill, 50, px("10.00"), 30), out);
        a.translate(groupReport(g, ExecType::Fill, 30, px("10.50"), 0), out);

        const auto o = outcomes(out, members);
        for (const Member &m : members) {
            QCOMPARE(o.at(m.id).accepted, 1);
            QCOMPARE(o.at(m.id).filled, m.qty);
            QCOMPARE(o.at(m.id).ends.size(), std::size_t(1)); // ended once: filled
            QVERIFY(o.at(m.id).ends.front() == ExecType::Fill);
            // Execution ids: each order's own, unique, rising.
            const auto &ids = o.at(m.id).executionIds;
            QVERIFY(std::adjacent_find(ids.begin(), ids.end(), std::greater_equal<>()) == ids.end());
        }
        // Book 2 bought its 40 from book 1 at the first fill's price; the 80 sold at the broker
        // went 60 + 20 to books 1 and 3 in the order sent.
        QCOMPARE(o.at(12).cash, Money() - notional(px("10.00"), 40));
        QCOMPARE(o.at(11).cash, notional(px("10.00"), 40) + notional(px("10.00"), 50) + notional(px("10.50"), 10));
        QCOMPARE(o.at(13).cash, notional(px("10.50"), 20));
        // The books together moved what the broker did: 50 at 10.00 and 30 at 10.50.
        Money sum;
        for (const auto &[id, outcome] : o)
            sum = sum + outcome.cash;
        QCOMPARE(sum, notional(px("10.00"), 50) + notional(px("10.50"), 30));
        QCOMPARE(a.outside(g), Quantity{0});
    }

    void aBrokerHoldingMoreOrLessThanTheBooks()
    {
        // Alpaca held 45 where the books hold 30: 15 closed outside the books. Alpaca held 60
        // where they hold 100: the order fills 60 and is then cancelled (the flatten's next
        // attempt sees the 40 still in the books).
        struct Case {
            Quantity books, broker;
            Quantity outside;
            ExecType end;
        };
        for (const Case &c : {Case{30, 45, 15, ExecType::Fill}, Case{100, 60, 0, ExecType::Cancelled}}) {
            CloseAllocation a;
            const std::vector<Member> members{{31, 2, Side::Sell, c.books}};
            const OrderId g = a.open(members, Side::Sell);
            std::vector<ExecReport> out;
            a.translate(groupReport(g, ExecType::Fill, c.broker, px("5.00"), 0), out);
            const auto o = outcomes(out, members);
            QCOMPARE(o.at(31).filled, std::min(c.books, c.broker));
            QCOMPARE(o.at(31).ends.size(), std::size_t(1));
            QVERIFY(o.at(31).ends.front() == c.end);
            QCOMPARE(a.outside(g), c.outside);
            // Nothing more is said of it, whatever comes after.
            out.clear();
            a.translate(groupReport(g, ExecType::Cancelled), out);
            QVERIFY(out.empty());
        }
    }

    void theGroupsEndIsTheMembersEnd()
    {
        CloseAllocation a;
        const std::vector<Member> members{{41, 3, Side::Buy, 10}, {42, 3, Side::Buy, 5}};
        const OrderId g = a.open(members, Side::Buy);
        std::vector<ExecReport> out;
        a.translate(groupReport(g, ExecType::Accepted), out);
        a.translate(groupReport(g, ExecType::Fill, 12, px("1.00"), 3), out);
        a.translate(groupReport(g, ExecType::Expired), out);
        const auto o = outcomes(out, members);
        QCOMPARE(o.at(41).filled, Quantity{10});
        QCOMPARE(o.at(42).filled, Quantity{2});
        QVERIFY(o.at(41).ends == std::vector<ExecType>{ExecType::Fill});
        QVERIFY(o.at(42).ends == std::vector<ExecType>{ExecType::Expired});

        // Refused before it was accepted: each member refused with the broker's reason;
        // after acceptance a refusal can only be a cancel.
        CloseAllocation b;
        const std::vector<Member> refused{{51, 4, Side::Sell, 7}};
        const OrderId h = b.open(refused, Side::Sell);
        out.clear();
        ExecReport rejected = groupReport(h, ExecType::Rejected);
        rejected.reason = RejectReason::BrokerError;
        b.translate(rejected, out);
        QCOMPARE(out.size(), std::size_t(1));
        QVERIFY(out.front().type == ExecType::Rejected && out.front().reason == RejectReason::BrokerError);

        CloseAllocation c;
        const OrderId k = c.open(refused, Side::Sell);
        out.clear();
        c.translate(groupReport(k, ExecType::Accepted), out);
        c.translate(rejected, out);
        QCOMPARE(out.size(), std::size_t(2));
        QVERIFY(out.back().type == ExecType::Cancelled);
    }

    void aCancelRefusedAtTheBrokerReachesEveryOpenMember()
    {
        CloseAllocation a;
        const std::vector<Member> members{{61, 5, Side::Sell, 10}, {62, 5, Side::Sell, 10}};
        const OrderId g = a.open(members, Side::Sell);
        std::vector<ExecReport> out;
        a.translate(groupReport(g, ExecType::Fill, 10, px("3.00"), 10), out);
        out.clear();
        ExecReport refused = groupReport(g, ExecType::CancelReject);
        refused.reason = RejectReason::UnknownOrder;
        a.translate(refused, out);
        QCOMPARE(out.size(), std::size_t(1)); // 61 is done; only 62 was still working
        QCOMPARE(out.front().orderId, OrderId{62});
        QVERIFY(out.front().reason == RejectReason::UnknownOrder);
    }

    void reportsOfOtherOrdersAreNotTouched()
    {
        CloseAllocation a;
        std::vector<ExecReport> out;
        a.translate(groupReport(7, ExecType::Fill, 1, px("1.00"), 0), out);
        QVERIFY(out.empty());
        QVERIFY(!a.isGroup(7));
    }
};

QTEST_GUILESS_MAIN(AlpacaCloseTest)
#include "tst_alpaca_close.moc"
