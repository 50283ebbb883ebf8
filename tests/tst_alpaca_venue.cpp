// The Alpaca venue (alpaca/AlpacaVenue) against an Alpaca-compatible server on 127.0.0.1:
// a real headless vigil on the simulator with its gateway, whose bot's book is the account
// the venue trades. No engine: the test sends the engine's requests and reads the venue's
// messages itself, so each rule is seen at the seam: orders acknowledged and filled once,
// cancels, the kill switch's one bulk cancel, the broker's records, and the books at the
// end equal to the server's.

#include "GatewayRig.h"
#include "alpaca/AlpacaVenue.h"
#include "api/Config.h"
#include "oms/Order.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <map>

using namespace vigil;
using namespace vigil::alpaca;

namespace {

const Date kDate{2026, 11, 20};

class VenueDriver {
public:
    explicit VenueDriver(AlpacaVenue &venue)
        : m_venue(venue)
    {}

    /// Reads messages until `until` says so or `timeoutMs` passes; true if it did.
    template<typename Until> bool pump(Until until, int timeoutMs = 20'000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            VenueMessage m;
            while (m_venue.next(m)) {
                record(m);
                if (until())
                    return true;
            }
            if (until())
                return true;
            QThread::msleep(2);
        }
        return false;
    }

    void record(const VenueMessage &m)
    {
        if (m.kind == VenueMessage::Kind::BrokerStatus)
            brokerUp = m.status == ComponentStatus::Up;
        if (m.kind != VenueMessage::Kind::Exec)
            return;
        const ExecReport &r = m.exec;
        reports[r.orderId].push_back(r);
        if (r.type == ExecType::Fill) {
            filled[r.orderId] += r.fillQty;
            ++fillCount;
        }
    }

    /// What came for `id`, for a failure's message: "accepted, rejected (broker error)".
    QByteArray story(OrderId id) const
    {
        QStringList parts;
        const auto it = reports.find(id);
        if (it != reports.end())
            for (const ExecReport &r : it->second)
                parts << QString::fromLatin1(toString(r.type).data(), static_cast<qsizetype>(toString(r.type).size()))
                             + (r.reason == RejectReason::None
                                    ? QString()
                                    : QStringLiteral(" (%1)").arg(QString::fromLatin1(toString(r.reason).data())));
        return (QStringLiteral("order %1: ").arg(id)
                + (parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", "))))
            .toUtf8();
    }

    bool has(OrderId id, ExecType type) const
    {
        const auto it = reports.find(id);
        return it != reports.end() && std::any_of(it->second.begin(), it->second.end(), [type](const ExecReport &r) {
                   return r.type == type;
               });
    }

    void order(OrderId id, const char *symbolName, SymbolId symbol, Side side, Quantity qty, OrderType type,
               Price limit = {}, bool inCloseAll = false)
    {
        EngineMessage m;
        m.kind = EngineMessage::Kind::NewOrder;
        m.orderId = id;
        m.symbol = symbol;
        m.side = side;
        m.type = type;
        m.qty = qty;
        m.limitPrice = limit;
        m.setClientOrderId(clientOrderId(kDate.toCompact(), "mr", id));
        m.inCloseAll = inCloseAll;
        (void)symbolName;
        m_venue.send(m);
    }

    AlpacaVenue &m_venue;
    bool brokerUp = false;
    std::map<OrderId, std::vector<ExecReport>> reports;
    std::map<OrderId, Quantity> filled;
    int fillCount = 0;
};

} // namespace

class AlpacaVenueTest : public QObject {
    Q_OBJECT

    testing::GatewayRig m_rig;
    QNetworkAccessManager m_net;

    QJsonDocument get(const QString &path)
    {
        QNetworkRequest r(QUrl(m_rig.baseUrl() + path));
        r.setRawHeader("APCA-API-KEY-ID", m_rig.keyId.toUtf8());
        r.setRawHeader("APCA-API-SECRET-KEY", m_rig.secret.toUtf8());
        QNetworkReply *reply = m_net.get(r);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10'000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll());
    }

    Config venueConfig() const
    {
        Config c = defaultConfig();
        c.venue.kind = VenueKind::Alpaca;
        c.venue.alpaca.restUrl = m_rig.baseUrl().toStdString();
        c.venue.alpaca.streamUrl = QStringLiteral("ws://127.0.0.1:%1/stream").arg(m_rig.port).toStdString();
        c.venue.alpaca.dataStreamUrl = QStringLiteral("ws://127.0.0.1:%1/v2").arg(m_rig.port).toStdString();
        c.venue.alpaca.dataRestUrl = m_rig.baseUrl().toStdString();
        c.venue.alpaca.reconnectMinMs = 50;
        c.venue.alpaca.reconnectMaxMs = 500;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString problem =
            m_rig.prepare(QStringLiteral("desk"), QStringLiteral("dk"), {},
                          QStringLiteral("max_position_notional = \"5000000\"\nbuying_power = \"5000000\"\n"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = m_rig.start(QStringLiteral("20"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Orders need the session open at the server.
        QElapsedTimer t;
        t.start();
        while (!get(QStringLiteral("/v2/clock")).object().value(QLatin1String("is_open")).toBool()) {
            QVERIFY2(t.elapsed() < 60'000, "the server's session did not open within 60 s");
            QThread::msleep(100);
        }
    }

    void cleanupTestCase() { QCOMPARE(m_rig.stop(), QString()); }

    void aWrongKeyIsAClearErrorAtStart()
    {
        try {
            AlpacaVenue venue(venueConfig(), kDate, BrokerKeyPair{"PKWRONG", "not-the-secret"});
            QFAIL("a venue started with keys the broker refuses");
        } catch (const std::runtime_error &e) {
            const std::string what = e.what();
            QVERIFY2(what.find("refused the key pair") != std::string::npos, e.what());
            QVERIFY2(what.find("not-the-secret") == std::string::npos, "the secret is in the error");
        }
    }

    void ordersFillOnceCancelsAndTheBulkCancel()
    {
        AlpacaVenue venue(venueConfig(), kDate, BrokerKeyPair{m_rig.keyId.toStdString(), m_rig.secret.toStdString()});
        QCOMPARE(venue.sessionOf(kDate).open, sessionFor(kDate).at(9, 30));
        std::atomic<bool> stop{false};
        venue.start(stop);
        VenueDriver d(venue);
        QVERIFY2(d.pump([&] { return d.brokerUp; }), "the trade stream did not come up");
        QVERIFY(venue.links().applies);

        // A market order: acknowledged once, filled to the share.
        d.order(1, "AAPL", 0, Side::Buy, 25, OrderType::Market);
        QVERIFY2(d.pump([&] { return d.filled[1] == 25; }), "the market order was not filled");
        QCOMPARE(std::count_if(d.reports[1].begin(), d.reports[1].end(),
                               [](const ExecReport &r) { return r.type == ExecType::Accepted; }),
                 1);

        // Limit orders far below the market stay working; one is cancelled, the rest go with
        // the kill switch's one bulk request.
        // (3 % under the bid: inside the server's price collar, far from a fill.)
        const double bid = get(QStringLiteral("/v2/stocks/AAPL/quotes/latest"))
                               .object()
                               .value(QLatin1String("quote"))
                               .toObject()
                               .value(QLatin1String("bp"))
                               .toDouble();
        QVERIFY2(bid > 0, "the server has no AAPL quote");
        const Price limit = Price::fromRaw(static_cast<std::int64_t>(bid * 0.97 * 100) * 100);
        for (OrderId id = 2; id <= 6; ++id)
            d.order(id, "AAPL", 0, Side::Buy, static_cast<Quantity>(id), OrderType::Limit, limit); // (not duplicates)
        QVERIFY2(d.pump([&] { return d.has(6, ExecType::Accepted) && d.has(2, ExecType::Accepted); }),
                 d.story(2) + "; " + d.story(6));
        EngineMessage cancel;
        cancel.kind = EngineMessage::Kind::Cancel;
        cancel.orderId = 2;
        venue.send(cancel);
        QVERIFY2(d.pump([&] { return d.has(2, ExecType::Cancelled); }), "the cancel was not confirmed");
        EngineMessage all;
        all.kind = EngineMessage::Kind::CancelAll;
        venue.send(all);
        QVERIFY2(d.pump([&] {
            for (OrderId id = 3; id <= 6; ++id)
                if (!d.has(id, ExecType::Cancelled))
                    return false;
            return true;
        }),
                 "the bulk cancel left orders working");
        QCOMPARE(get(QStringLiteral("/v2/orders?status=open")).array().size(), 0);

        // The broker's records say what the server's book says.
        const BrokerStatement statement = venue.records()->statement();
        QVERIFY2(statement.positionsAnswered && statement.ordersAnswered, statement.error.c_str());
        QCOMPARE(statement.openOrders.size(), std::size_t{0});
        const auto aapl = std::find_if(statement.positions.begin(), statement.positions.end(),
                                       [](const BookPosition &p) { return p.symbol == "AAPL"; });
        QVERIFY(aapl != statement.positions.end());
        QCOMPARE(aapl->qty, Quantity{25});
        const AccountFacts account = venue.records()->account();
        QVERIFY2(account.known, account.error.c_str());
        QVERIFY(account.active);

        // The day's orders with their executions, as a restart reads them.
        std::vector<BrokerOrder> orders;
        QCOMPARE(venue.ordersOfDay(kDate.toIso(), orders), std::string());
        QCOMPARE(orders.size(), std::size_t{6});
        const BrokerOrder &first = orders.front();
        QCOMPARE(first.number, OrderId{1});
        QCOMPARE(first.status, std::string("filled"));
        Quantity executed = 0;
        for (const BrokerOrder::Execution &x : first.executions)
            executed += x.qty;
        QCOMPARE(executed, Quantity{25});
        QCOMPARE(first.executions.back().id, std::uint64_t{25}); // the cumulative quantity, as booked live

        // A close-all for two books, one long 30 and one short 5 of the account's 25: one
        // DELETE /v2/positions; Alpaca sells the net 25 and both books' orders fill whole.
        d.order(7, "AAPL", 0, Side::Sell, 30, OrderType::Market, {}, true);
        d.order(8, "AAPL", 0, Side::Buy, 5, OrderType::Market, {}, true);
        EngineMessage closeAll;
        closeAll.kind = EngineMessage::Kind::CloseAll;
        venue.send(closeAll);
        QVERIFY2(d.pump([&] { return d.filled[7] == 30 && d.filled[8] == 5; }), d.story(7) + "; " + d.story(8));
        QVERIFY(get(QStringLiteral("/v2/positions")).array().isEmpty());
        // Alpaca's closing order is Vigil's, not a trade placed outside it.
        const BrokerStatement afterClose = venue.records()->statement();
        QVERIFY2(afterClose.positionsAnswered, afterClose.error.c_str());
        QVERIFY(afterClose.positions.empty());
        QCOMPARE(afterClose.outsideTrades.size(), std::size_t{0});

        // Symbols Alpaca holds nothing of. Books that net to zero (MSFT: one sells 3, another
        // buys 3) close order by order; books that do not (NVDA) are a difference a close-all
        // cannot settle: refused, nothing sent.
        d.order(9, "MSFT", 1, Side::Sell, 3, OrderType::Market, {}, true);
        d.order(10, "MSFT", 1, Side::Buy, 3, OrderType::Market, {}, true);
        d.order(11, "NVDA", 2, Side::Sell, 4, OrderType::Market, {}, true);
        venue.send(closeAll);
        QVERIFY2(d.pump([&] { return d.filled[9] == 3 && d.filled[10] == 3 && d.has(11, ExecType::Rejected); }),
                 d.story(9) + "; " + d.story(10) + "; " + d.story(11));
        QVERIFY(d.reports[11].back().reason == RejectReason::NoBrokerPosition);
        QCOMPARE(d.filled[11], Quantity{0});
        QVERIFY(get(QStringLiteral("/v2/positions")).array().isEmpty());

        stop = true;
        venue.join();
        const BrokerClosingBooks books = venue.closingBooks();
        QCOMPARE(books.failure, std::string());
        QCOMPARE(books.positions.size(), std::size_t{0});
    }
};

QTEST_GUILESS_MAIN(AlpacaVenueTest)
#include "tst_alpaca_venue.moc"
