// Alpaca's JSON both ways: every reply of the engine written with the field names and JSON
// types of Alpaca's OpenAPI schemas (decimals as exact strings, null for what is unset,
// RFC 3339 times), and the bots' requests read or refused with an error naming the field.
#include "net/AlpacaJson.h"

#include <QJsonDocument>
#include <QTest>

using namespace vigil;
using namespace vigil::gateway;
using namespace vigil::gateway::alpaca;

namespace {

// 2026-11-20 (New York at UTC-5): 15:00:00 UTC is 10:00 in New York.
constexpr SimTime kNov20At15Utc = 1'795'186'800LL * kNsPerSecond;

BotOrder limitOrder()
{
    BotOrder o;
    o.id = 7;
    o.uuid = "0b8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a71";
    o.clientOrderId = "my-bot-1";
    o.symbol = "AAPL";
    o.side = Side::Sell;
    o.type = OrderType::Limit;
    o.timeInForce = TimeInForce::Gtc;
    o.qty = 300;
    o.limitPrice = Price::fromRaw(1'872'500); // 187.25
    o.status = OrderStatus::PartiallyFilled;
    o.filledQty = 100;
    o.filledAvgPrice = Price::fromRaw(1'872'535); // 187.2535
    o.createdAt = kNov20At15Utc + 123'456'789;
    o.updatedAt = kNov20At15Utc + kNsPerSecond;
    return o;
}

/// Checks that `object` has every field of `names`, each of the JSON type `type`.
void requireFields(const QJsonObject &object, std::initializer_list<const char *> fieldNames, QJsonValue::Type type)
{
    for (const char *field : fieldNames) {
        const QString name = QLatin1String(field);
        QVERIFY2(object.contains(name), qPrintable(QStringLiteral("missing field ") + name));
        QVERIFY2(object.value(name).type() == type,
                 qPrintable(name + QStringLiteral(" has JSON type ") + QString::number(object.value(name).type())));
    }
}

ApiError errorOf(const std::variant<SubmitOrder, ApiError> &parsed)
{
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    return ApiError{0, 0, "parsed", {}};
}

} // namespace

class TestAlpacaJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void orderHasAlpacasFieldsTypesAndExactDecimals()
    {
        const QJsonObject j = orderJson(limitOrder());
        requireFields(j,
                      {"id", "client_order_id", "created_at", "updated_at", "submitted_at", "asset_id", "symbol",
                       "asset_class", "qty", "filled_qty", "filled_avg_price", "order_class", "order_type", "type",
                       "side", "time_in_force", "limit_price", "status"},
                      QJsonValue::String);
        requireFields(j,
                      {"filled_at", "expired_at", "canceled_at", "failed_at", "replaced_at", "replaced_by", "replaces",
                       "notional", "stop_price", "legs", "trail_percent", "trail_price", "hwm"},
                      QJsonValue::Null);
        requireFields(j, {"extended_hours"}, QJsonValue::Bool);
        QCOMPARE(j[QLatin1String("id")].toString(), QStringLiteral("0b8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a71"));
        QCOMPARE(j[QLatin1String("qty")].toString(), QStringLiteral("300"));
        QCOMPARE(j[QLatin1String("filled_qty")].toString(), QStringLiteral("100"));
        QCOMPARE(j[QLatin1String("limit_price")].toString(), QStringLiteral("187.25"));
        QCOMPARE(j[QLatin1String("filled_avg_price")].toString(), QStringLiteral("187.2535"));
        QCOMPARE(j[QLatin1String("side")].toString(), QStringLiteral("sell"));
        QCOMPARE(j[QLatin1String("type")].toString(), QStringLiteral("limit"));
        QCOMPARE(j[QLatin1String("order_type")].toString(), QStringLiteral("limit"));
        QCOMPARE(j[QLatin1String("time_in_force")].toString(), QStringLiteral("gtc"));
        QCOMPARE(j[QLatin1String("status")].toString(), QStringLiteral("partially_filled"));
        QCOMPARE(j[QLatin1String("asset_class")].toString(), QStringLiteral("us_equity"));
        QCOMPARE(j[QLatin1String("order_class")].toString(), QStringLiteral("simple"));
        QCOMPARE(j[QLatin1String("created_at")].toString(), QStringLiteral("2026-11-20T15:00:00.123456789Z"));
        QCOMPARE(j[QLatin1String("submitted_at")].toString(), QStringLiteral("2026-11-20T15:00:00.123456789Z"));
        QCOMPARE(j[QLatin1String("updated_at")].toString(), QStringLiteral("2026-11-20T15:00:01Z"));
        QVERIFY(isUuid(j[QLatin1String("asset_id")].toString().toStdString()));
        QCOMPARE(j[QLatin1String("asset_id")].toString().toStdString(), alpacaAssetId("AAPL"));
        QVERIFY(alpacaAssetId("AAPL") != alpacaAssetId("MSFT"));

        // A market order that has not filled: no limit price, no average price.
        BotOrder market = limitOrder();
        market.type = OrderType::Market;
        market.limitPrice = Price();
        market.filledQty = 0;
        market.filledAvgPrice = Price();
        market.filledAt = 0;
        const QJsonObject m = orderJson(market);
        QVERIFY(m[QLatin1String("limit_price")].isNull());
        QVERIFY(m[QLatin1String("filled_avg_price")].isNull());
        QCOMPARE(m[QLatin1String("type")].toString(), QStringLiteral("market"));
    }

    void orderStatusNamesFollowTheLifecycle_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("name");
        QTest::newRow("sent, not acknowledged") << int(OrderStatus::New) << "pending_new";
        QTest::newRow("accepted") << int(OrderStatus::Accepted) << "new";
        QTest::newRow("partially filled") << int(OrderStatus::PartiallyFilled) << "partially_filled";
        QTest::newRow("filled") << int(OrderStatus::Filled) << "filled";
        QTest::newRow("cancel pending") << int(OrderStatus::CancelPending) << "pending_cancel";
        QTest::newRow("cancelled") << int(OrderStatus::Cancelled) << "canceled";
        QTest::newRow("rejected") << int(OrderStatus::Rejected) << "rejected";
        QTest::newRow("expired") << int(OrderStatus::Expired) << "expired";
        QTest::newRow("unknown after a restart") << int(OrderStatus::Unknown) << "accepted";
    }
    void orderStatusNamesFollowTheLifecycle()
    {
        QFETCH(int, status);
        QFETCH(QString, name);
        BotOrder o = limitOrder();
        o.status = static_cast<OrderStatus>(status);
        QCOMPARE(orderJson(o)[QLatin1String("status")].toString(), name);
    }

    void terminalTimesAreWrittenWhenSet()
    {
        BotOrder o = limitOrder();
        o.status = OrderStatus::Cancelled;
        o.canceledAt = kNov20At15Utc + 5 * kNsPerSecond + 500 * kNsPerMs;
        const QJsonObject j = orderJson(o);
        QCOMPARE(j[QLatin1String("canceled_at")].toString(), QStringLiteral("2026-11-20T15:00:05.5Z"));
        QVERIFY(j[QLatin1String("filled_at")].isNull());
    }

    void positionHasEveryRequiredFieldAsStrings()
    {
        BotPosition p;
        p.symbol = "MSFT";
        p.qty = -20;
        p.avgEntryPrice = Price::fromCents(40'000); // 400.00
        p.currentPrice = Price::fromCents(39'000);  // 390.00
        p.lastdayPrice = Price::fromCents(39'500);  // 395.00
        p.costBasis = Money::fromCents(-800'000);   // -8000.00
        p.marketValue = Money::fromCents(-780'000); // -7800.00
        p.unrealizedPl = Money::fromCents(20'000);  // +200.00
        p.unrealizedIntradayPl = Money::fromCents(10'000);
        const QJsonObject j = positionJson(p);
        requireFields(j,
                      {"asset_id", "symbol", "exchange", "asset_class", "avg_entry_price", "qty", "qty_available",
                       "side", "market_value", "cost_basis", "unrealized_pl", "unrealized_plpc",
                       "unrealized_intraday_pl", "unrealized_intraday_plpc", "current_price", "lastday_price",
                       "change_today"},
                      QJsonValue::String);
        requireFields(j, {"asset_marginable"}, QJsonValue::Bool);
        QCOMPARE(j[QLatin1String("qty")].toString(), QStringLiteral("-20"));
        QCOMPARE(j[QLatin1String("side")].toString(), QStringLiteral("short"));
        QCOMPARE(j[QLatin1String("avg_entry_price")].toString(), QStringLiteral("400.00"));
        QCOMPARE(j[QLatin1String("market_value")].toString(), QStringLiteral("-7800.00"));
        QCOMPARE(j[QLatin1String("cost_basis")].toString(), QStringLiteral("-8000.00"));
        QCOMPARE(j[QLatin1String("unrealized_pl")].toString(), QStringLiteral("200.00"));
        QCOMPARE(j[QLatin1String("unrealized_plpc")].toString(), QStringLiteral("0.025"));               // 200 / 8000
        QCOMPARE(j[QLatin1String("unrealized_intraday_plpc")].toString(), QStringLiteral("0.01265823")); // 100 / 7900
        QCOMPARE(j[QLatin1String("change_today")].toString(), QStringLiteral("-0.01265823"));            // -5 / 395
    }

    void accountHasTheRequiredFieldsWithExactCents()
    {
        BotAccount a;
        a.botName = "momo";
        a.cash = Money::fromCents(9'876'543);
        a.buyingPower = Money::fromCents(5'000'001);
        a.equity = Money::fromCents(10'000'010);
        a.lastEquity = Money::fromCents(9'999'999);
        a.longMarketValue = Money::fromCents(123'467);
        a.shortMarketValue = Money::fromCents(-10'000);
        a.tradingBlocked = true;
        a.createdAt = kNov20At15Utc;
        const QJsonObject j = accountJson(a);
        requireFields(j,
                      {"id", "account_number", "status", "currency", "cash", "buying_power", "regt_buying_power",
                       "non_marginable_buying_power", "equity", "last_equity", "portfolio_value", "long_market_value",
                       "short_market_value", "initial_margin", "maintenance_margin", "multiplier", "created_at"},
                      QJsonValue::String);
        requireFields(
            j,
            {"shorting_enabled", "trading_blocked", "transfers_blocked", "account_blocked", "trade_suspended_by_user"},
            QJsonValue::Bool);
        QVERIFY(isUuid(j[QLatin1String("id")].toString().toStdString()));
        QCOMPARE(j[QLatin1String("id")].toString().toStdString(), accountId("momo"));
        QCOMPARE(j[QLatin1String("status")].toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(j[QLatin1String("currency")].toString(), QStringLiteral("USD"));
        QCOMPARE(j[QLatin1String("cash")].toString(), QStringLiteral("98765.43"));
        QCOMPARE(j[QLatin1String("buying_power")].toString(), QStringLiteral("50000.01"));
        QCOMPARE(j[QLatin1String("equity")].toString(), QStringLiteral("100000.10"));
        QCOMPARE(j[QLatin1String("portfolio_value")].toString(), QStringLiteral("100000.10"));
        QCOMPARE(j[QLatin1String("last_equity")].toString(), QStringLiteral("99999.99"));
        QCOMPARE(j[QLatin1String("short_market_value")].toString(), QStringLiteral("-100.00"));
        QCOMPARE(j[QLatin1String("initial_margin")].toString(), QStringLiteral("1334.67"));
        QCOMPARE(j[QLatin1String("multiplier")].toString(), QStringLiteral("1"));
        QCOMPARE(j[QLatin1String("trading_blocked")].toBool(), true);
        QCOMPARE(j[QLatin1String("created_at")].toString(), QStringLiteral("2026-11-20T15:00:00Z"));
        // The dropped fields stay dropped (ALPACA.md: gone since 2026-07-06).
        QVERIFY(!j.contains(QLatin1String("pattern_day_trader")));
        QVERIFY(!j.contains(QLatin1String("daytrade_count")));
    }

    void clockAndCalendarSpeakNewYorkTime()
    {
        ClockView c;
        c.now = kNov20At15Utc + 250 * kNsPerMs;
        c.isOpen = true;
        c.nextOpen = kNov20At15Utc + (3 * 24 * 60 - 30) * kNsPerMinute; // Monday 09:30
        c.nextClose = kNov20At15Utc + 6 * 60 * kNsPerMinute;            // 16:00
        c.utcOffsetMinutes = -300;
        const QJsonObject j = clockJson(c);
        QCOMPARE(j[QLatin1String("timestamp")].toString(), QStringLiteral("2026-11-20T10:00:00.25-05:00"));
        QCOMPARE(j[QLatin1String("is_open")].toBool(), true);
        QCOMPARE(j[QLatin1String("next_open")].toString(), QStringLiteral("2026-11-23T09:30:00-05:00"));
        QCOMPARE(j[QLatin1String("next_close")].toString(), QStringLiteral("2026-11-20T16:00:00-05:00"));

        const SessionWindow summer = sessionFor(Date{2026, 7, 2});
        const QJsonObject d =
            calendarJson(CalendarDay{summer.date, summer.open, summer.close, summer.utcOffsetMinutes});
        requireFields(d, {"date", "open", "close", "session_open", "session_close"}, QJsonValue::String);
        QCOMPARE(d[QLatin1String("date")].toString(), QStringLiteral("2026-07-02"));
        QCOMPARE(d[QLatin1String("open")].toString(), QStringLiteral("09:30"));
        QCOMPARE(d[QLatin1String("close")].toString(), QStringLiteral("16:00"));
        QCOMPARE(d[QLatin1String("session_open")].toString(), QStringLiteral("0930"));
        QCOMPARE(d[QLatin1String("session_close")].toString(), QStringLiteral("1600"));
        QCOMPARE(QString::fromStdString(offsetTimestamp(summer.open, summer.utcOffsetMinutes)),
                 QStringLiteral("2026-07-02T09:30:00-04:00"));
    }

    void assetHasTheRequiredFields()
    {
        AssetView a;
        a.symbol = "SPY";
        a.exchange = "ARCA";
        a.shortable = false;
        const QJsonObject j = assetJson(a);
        requireFields(j, {"id", "class", "exchange", "symbol", "name", "status"}, QJsonValue::String);
        requireFields(j, {"tradable", "marginable", "shortable", "easy_to_borrow", "fractionable"}, QJsonValue::Bool);
        QCOMPARE(j[QLatin1String("id")].toString().toStdString(), alpacaAssetId("SPY"));
        QCOMPARE(j[QLatin1String("class")].toString(), QStringLiteral("us_equity"));
        QCOMPARE(j[QLatin1String("exchange")].toString(), QStringLiteral("ARCA"));
        QCOMPARE(j[QLatin1String("status")].toString(), QStringLiteral("active"));
        QCOMPARE(j[QLatin1String("shortable")].toBool(), false);
        QCOMPARE(j[QLatin1String("fractionable")].toBool(), false);
    }

    void errorsAndMultiStatusItems()
    {
        const ApiError refusal{
            403, 40310000, "insufficient buying power", {{"buying_power", "100.00"}, {"cost_basis", "187.25"}}};
        const QJsonObject e = errorJson(refusal);
        QCOMPARE(e[QLatin1String("code")].toInt(), 40310000);
        QVERIFY(e[QLatin1String("code")].isDouble());
        QCOMPARE(e[QLatin1String("message")].toString(), QStringLiteral("insufficient buying power"));
        QCOMPARE(e[QLatin1String("buying_power")].toString(), QStringLiteral("100.00"));
        QCOMPARE(e[QLatin1String("cost_basis")].toString(), QStringLiteral("187.25"));

        const QJsonArray cancels = bulkJson({BulkItem{"0b8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a71", 200, limitOrder()},
                                             BulkItem{"1c8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a72", 200, std::monostate{}}},
                                            "id");
        QCOMPARE(cancels.size(), 2);
        QCOMPARE(cancels[0][QLatin1String("id")].toString(), QStringLiteral("0b8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a71"));
        QCOMPARE(cancels[0][QLatin1String("status")].toInt(), 200);
        QVERIFY(cancels[0][QLatin1String("status")].isDouble());
        QCOMPARE(cancels[0][QLatin1String("body")].toObject()[QLatin1String("qty")].toString(), QStringLiteral("300"));
        QVERIFY(!cancels[1].toObject().contains(QLatin1String("body")));

        const QJsonArray closes = bulkJson(
            {BulkItem{"AAPL", 403, ApiError{403, 40310000, "insufficient qty available", {{"available", "0"}}}}},
            "symbol");
        QCOMPARE(closes[0][QLatin1String("symbol")].toString(), QStringLiteral("AAPL"));
        QCOMPARE(closes[0][QLatin1String("status")].toInt(), 403);
        QCOMPARE(closes[0][QLatin1String("body")].toObject()[QLatin1String("code")].toInt(), 40310000);
        QCOMPARE(closes[0][QLatin1String("body")].toObject()[QLatin1String("available")].toString(),
                 QStringLiteral("0"));
    }

    void tradeUpdatesCarryTimestampAlwaysAndFillsTheirExecution()
    {
        TradeUpdate fill;
        fill.event = TradeEvent::PartialFill;
        fill.order = limitOrder();
        fill.timestamp = kNov20At15Utc + 2 * kNsPerSecond;
        fill.executionId = "exec-42";
        fill.price = Price::fromRaw(1'872'600);
        fill.qty = 100;
        fill.positionQty = -100;
        const QJsonObject msg = QJsonDocument::fromJson(QByteArray::fromStdString(tradeUpdateMessage(fill))).object();
        QCOMPARE(msg[QLatin1String("stream")].toString(), QStringLiteral("trade_updates"));
        const QJsonObject d = msg[QLatin1String("data")].toObject();
        QCOMPARE(d[QLatin1String("event")].toString(), QStringLiteral("partial_fill"));
        QCOMPARE(d[QLatin1String("timestamp")].toString(), QStringLiteral("2026-11-20T15:00:02Z"));
        QCOMPARE(d[QLatin1String("execution_id")].toString(), QStringLiteral("exec-42"));
        QCOMPARE(d[QLatin1String("price")].toString(), QStringLiteral("187.26"));
        QCOMPARE(d[QLatin1String("qty")].toString(), QStringLiteral("100"));
        QCOMPARE(d[QLatin1String("position_qty")].toString(), QStringLiteral("-100"));
        QCOMPARE(d[QLatin1String("order")][QLatin1String("status")].toString(), QStringLiteral("partially_filled"));

        const std::pair<TradeEvent, const char *> others[] = {{TradeEvent::PendingNew, "pending_new"},
                                                              {TradeEvent::New, "new"},
                                                              {TradeEvent::Fill, "fill"},
                                                              {TradeEvent::Canceled, "canceled"},
                                                              {TradeEvent::Expired, "expired"},
                                                              {TradeEvent::Rejected, "rejected"},
                                                              {TradeEvent::PendingCancel, "pending_cancel"}};
        for (const auto &[event, name] : others) {
            TradeUpdate u;
            u.event = event;
            u.order = limitOrder();
            u.timestamp = kNov20At15Utc;
            const QJsonObject j = QJsonDocument::fromJson(QByteArray::fromStdString(tradeUpdateMessage(u)))
                                      .object()[QLatin1String("data")]
                                      .toObject();
            QCOMPARE(j[QLatin1String("event")].toString(), QLatin1String(name));
            QCOMPARE(j[QLatin1String("timestamp")].toString(), QStringLiteral("2026-11-20T15:00:00Z"));
            QCOMPARE(j.contains(QLatin1String("execution_id")), event == TradeEvent::Fill);
        }
    }

    void marketDataPricesAreNumbersWithTheirExactText()
    {
        LatestQuote qt{"AAPL", kNov20At15Utc + 1, Price::fromRaw(1'580'350), Price::fromRaw(1'580'400), 3, 5};
        const QByteArray quoteText = toText(quoteJson(qt));
        QVERIFY2(quoteText.contains("\"bp\":158.035"), quoteText.constData());
        QVERIFY2(quoteText.contains("\"ap\":158.04"), quoteText.constData());
        const QJsonObject q = quoteJson(qt);
        QCOMPARE(q[QLatin1String("t")].toString(), QStringLiteral("2026-11-20T15:00:00.000000001Z"));
        QCOMPARE(q[QLatin1String("bs")].toInt(), 3);
        QCOMPARE(q[QLatin1String("as")].toInt(), 5);

        LatestTrade tr{"AAPL", kNov20At15Utc, Price::fromRaw(1'730'600), 100, 6519};
        const QJsonObject t = tradeJson(tr);
        QVERIFY(t[QLatin1String("p")].isDouble());
        QVERIFY(toText(t).contains("\"p\":173.06"));
        QCOMPARE(t[QLatin1String("s")].toInt(), 100);
        QCOMPARE(t[QLatin1String("i")].toInteger(), 6519);
        QCOMPARE(t[QLatin1String("x")].toString(), QStringLiteral("V"));
        QCOMPARE(t[QLatin1String("z")].toString(), QStringLiteral("C"));
        QVERIFY(t[QLatin1String("c")].isArray());

        LatestBar bar{"AAPL",
                      kNov20At15Utc,
                      Price::fromCents(15'800),
                      Price::fromCents(15'821),
                      Price::fromCents(15'790),
                      Price::fromCents(15'810),
                      800,
                      15,
                      Price::fromRaw(1'581'131)};
        const QJsonObject b = barJson(bar);
        for (const char *field : {"o", "h", "l", "c", "v", "n", "vw"})
            QVERIFY2(b[QLatin1String(field)].isDouble(), field);
        QVERIFY(toText(b).contains("\"vw\":158.1131"));
        QCOMPARE(b[QLatin1String("t")].toString(), QStringLiteral("2026-11-20T15:00:00Z"));
    }

    void readsAnOrder()
    {
        const auto parsed = parseSubmitOrder(
            R"({"symbol":"AAPL","qty":"25","side":"buy","type":"limit","time_in_force":"ioc","limit_price":"187.25",)"
            R"("client_order_id":"mine-1","extended_hours":false,"order_class":"simple","stop_price":null,)"
            R"("some_future_field":{"x":1}})");
        QVERIFY(std::holds_alternative<SubmitOrder>(parsed));
        const auto &o = std::get<SubmitOrder>(parsed);
        QCOMPARE(o.symbol, std::string("AAPL"));
        QCOMPARE(o.qty, Quantity(25));
        QVERIFY(o.side == Side::Buy);
        QVERIFY(o.type == OrderType::Limit);
        QVERIFY(o.timeInForce == TimeInForce::Ioc);
        QCOMPARE(o.limitPrice.raw(), 1'872'500);
        QCOMPARE(o.clientOrderId, std::string("mine-1"));

        // Numbers where Alpaca documents strings: accepted, exactly.
        const auto numbers = parseSubmitOrder(
            R"({"symbol":"MSFT","qty":10,"side":"sell","type":"limit","time_in_force":"day","limit_price":401.07})");
        QVERIFY(std::holds_alternative<SubmitOrder>(numbers));
        QCOMPARE(std::get<SubmitOrder>(numbers).qty, Quantity(10));
        QCOMPARE(std::get<SubmitOrder>(numbers).limitPrice.raw(), 4'010'700);
        QVERIFY(std::get<SubmitOrder>(numbers).timeInForce == TimeInForce::Day);

        const auto market =
            parseSubmitOrder(R"({"symbol":"SPY","qty":"3.000","side":"sell","type":"market","time_in_force":"gtc"})");
        QVERIFY(std::holds_alternative<SubmitOrder>(market));
        QCOMPARE(std::get<SubmitOrder>(market).qty, Quantity(3));
        QVERIFY(std::get<SubmitOrder>(market).type == OrderType::Market);
        QVERIFY(std::get<SubmitOrder>(market).clientOrderId.empty());
    }

    void refusesABadOrderNamingTheField_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("named");
        const auto with = [](const char *head) {
            return QString(QLatin1String(head))
                   + QLatin1String(R"("side":"buy","type":"market","time_in_force":"day"})");
        };
        QTest::newRow("malformed") << R"({"symbol":"AAPL",)" << 400 << 40010000 << "format is invalid";
        QTest::newRow("not an object") << R"(["AAPL"])" << 400 << 40010000 << "not a JSON object";
        QTest::newRow("no symbol") << with("{\"qty\":\"1\",") << 422 << 40010001 << "symbol";
        QTest::newRow("symbol a number") << with("{\"symbol\":5,\"qty\":\"1\",") << 422 << 40010001
                                         << "symbol must be a string";
        QTest::newRow("no qty") << with("{\"symbol\":\"AAPL\",") << 422 << 40010001 << "qty is required";
        QTest::newRow("qty fractional") << with("{\"symbol\":\"AAPL\",\"qty\":\"1.5\",") << 422 << 40010001
                                        << "fractional shares are not supported";
        QTest::newRow("qty zero") << with("{\"symbol\":\"AAPL\",\"qty\":\"0\",") << 422 << 40010001
                                  << "qty must be a positive whole number";
        QTest::newRow("qty negative") << with("{\"symbol\":\"AAPL\",\"qty\":\"-5\",") << 422 << 40010001 << "qty";
        QTest::newRow("qty text") << with("{\"symbol\":\"AAPL\",\"qty\":\"ten\",") << 422 << 40010001
                                  << "qty \"ten\" is not a number";
        QTest::newRow("qty a boolean") << with("{\"symbol\":\"AAPL\",\"qty\":true,") << 422 << 40010001
                                       << "qty must be a decimal string";
        QTest::newRow("qty huge") << with("{\"symbol\":\"AAPL\",\"qty\":\"99999999999999999999\",") << 422 << 40010001
                                  << "qty 99999999999999999999 is too large";
        QTest::newRow("notional") << with("{\"symbol\":\"AAPL\",\"notional\":\"500\",") << 422 << 40010001
                                  << "notional orders are not supported";
        QTest::newRow("stop order") << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"stop","time_in_force":"day"})"
                                    << 422 << 40010001 << "type stop is not supported";
        QTest::newRow("stop price") << with("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"stop_price\":\"1\",") << 422
                                    << 40010001 << "stop_price is not supported";
        QTest::newRow("bracket") << with("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"order_class\":\"bracket\",") << 422
                                 << 40010001 << "order_class bracket";
        QTest::newRow("extended hours") << with("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"extended_hours\":true,") << 422
                                        << 40010001 << "extended_hours";
        QTest::newRow("bad side")
            << R"({"symbol":"AAPL","qty":"1","side":"short","type":"market","time_in_force":"day"})" << 422 << 40010001
            << "side short is invalid";
        QTest::newRow("no side") << R"({"symbol":"AAPL","qty":"1","type":"market","time_in_force":"day"})" << 422
                                 << 40010001 << "side is required";
        QTest::newRow("no type") << R"({"symbol":"AAPL","qty":"1","side":"buy","time_in_force":"day"})" << 422
                                 << 40010001 << "type is required";
        QTest::newRow("fok") << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"market","time_in_force":"fok"})"
                             << 422 << 40010001 << "time_in_force fok is not supported";
        QTest::newRow("no tif") << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"market"})" << 422 << 40010001
                                << "time_in_force is required";
        QTest::newRow("limit without price")
            << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"limit","time_in_force":"day"})" << 422 << 40010001
            << "limit_price is required";
        QTest::newRow("limit price five decimals")
            << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"limit","time_in_force":"day","limit_price":"1.00001"})"
            << 422 << 40010001 << "limit_price \"1.00001\" is not a price";
        QTest::newRow("limit price zero")
            << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"limit","time_in_force":"day","limit_price":"0"})"
            << 422 << 40010001 << "limit_price must be positive";
        QTest::newRow("limit price on a market order")
            << with("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"limit_price\":\"10\",") << 422 << 40010001
            << "limit_price is only for limit orders";
        QTest::newRow("client order id too long")
            << with(
                   ("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"client_order_id\":\"" + std::string(49, 'x') + "\",").c_str())
            << 422 << 40010001 << "client_order_id must be at most 48 characters, not 49";
    }
    void refusesABadOrderNamingTheField()
    {
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, named);
        const ApiError e = errorOf(parseSubmitOrder(body.toStdString()));
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.code, code);
        QVERIFY2(QString::fromStdString(e.message).contains(named), e.message.c_str());
    }

    void readsTimestampsAndDates()
    {
        QCOMPARE(parseTimestamp("2026-11-20T15:00:00Z").value(), kNov20At15Utc);
        QCOMPARE(parseTimestamp("2026-11-20T10:00:00-05:00").value(), kNov20At15Utc);
        QCOMPARE(parseTimestamp("2026-11-20T15:00:00.000000001Z").value(), kNov20At15Utc + 1);
        QCOMPARE(parseTimestamp("2026-11-20T15:00:00.5+00:00").value(), kNov20At15Utc + 500 * kNsPerMs);
        // A date is midnight in New York.
        QCOMPARE(parseTimestamp("2026-11-20").value(), kNov20At15Utc - 10 * 60 * kNsPerMinute);
        for (const char *bad : {"", "yesterday", "2026-13-01", "2026-11-20T25:00:00Z", "2026-11-20T15:00:00",
                                "2026-11-20T15:00:00.Z", "2026-11-20T15:00:00.1234567891Z", "2026-02-30"})
            QVERIFY2(!parseTimestamp(bad), bad);
        const std::string written = utcTimestamp(kNov20At15Utc + 42);
        QCOMPARE(parseTimestamp(written).value(), kNov20At15Utc + 42);
    }

    void readsListQueries()
    {
        const auto parsed = parseListOrders({{"status", "all"},
                                             {"limit", "500"},
                                             {"after", "2026-11-20T15:00:00Z"},
                                             {"until", "2026-11-21"},
                                             {"direction", "asc"},
                                             {"symbols", "AAPL,MSFT, SPY,"},
                                             {"side", "sell"},
                                             {"nested", "true"}});
        QVERIFY(std::holds_alternative<ListOrders>(parsed));
        const auto &l = std::get<ListOrders>(parsed);
        QVERIFY(l.status == ListOrders::Status::All);
        QCOMPARE(l.limit, 500);
        QCOMPARE(l.after, kNov20At15Utc);
        QCOMPARE(l.until, kNov20At15Utc + 14 * 60 * kNsPerMinute);
        QVERIFY(l.ascending);
        QCOMPARE(l.symbols, (std::vector<std::string>{"AAPL", "MSFT", "SPY"}));
        QVERIFY(l.side == std::optional<Side>(Side::Sell));

        const auto defaults = std::get<ListOrders>(parseListOrders({}));
        QVERIFY(defaults.status == ListOrders::Status::Open);
        QCOMPARE(defaults.limit, 50);
        QVERIFY(!defaults.ascending);

        const std::pair<Query, const char *> bad[] = {
            {{{"status", "working"}}, "status working"}, {{{"limit", "0"}}, "limit 0"},
            {{{"limit", "501"}}, "limit 501"},           {{{"limit", "5x"}}, "limit 5x"},
            {{{"after", "today"}}, "after today"},       {{{"until", "2026-11-20 15:00"}}, "until"},
            {{{"direction", "up"}}, "direction up"},     {{{"side", "short"}}, "side short"}};
        for (const auto &[query, named] : bad) {
            const auto refused = parseListOrders(query);
            QVERIFY2(std::holds_alternative<ApiError>(refused), named);
            const ApiError &e = std::get<ApiError>(refused);
            QCOMPARE(e.httpStatus, 422);
            QCOMPARE(e.code, 40010001);
            QVERIFY2(e.message.find(named) != std::string::npos, e.message.c_str());
        }
    }

    void readsPositionClosesAndCalendarRanges()
    {
        const auto all = std::get<ClosePosition>(parseClosePosition("AAPL", {}));
        QCOMPARE(all.symbol, std::string("AAPL"));
        QVERIFY(!all.qty && !all.percentagePct);
        QCOMPARE(std::get<ClosePosition>(parseClosePosition("AAPL", {{"qty", "15"}})).qty, std::optional<Quantity>(15));
        QCOMPARE(std::get<ClosePosition>(parseClosePosition("AAPL", {{"percentage", "37.5"}})).percentagePct,
                 std::optional<double>(37.5));
        const std::pair<Query, const char *> bad[] = {{{{"qty", "1.5"}}, "fractional"},
                                                      {{{"qty", "0"}}, "positive whole number"},
                                                      {{{"percentage", "0"}}, "percentage must be more than 0"},
                                                      {{{"percentage", "100.1"}}, "at most 100"},
                                                      {{{"percentage", "half"}}, "percentage half is not a number"},
                                                      {{{"qty", "1"}, {"percentage", "50"}}, "cannot both"}};
        for (const auto &[query, named] : bad) {
            const auto refused = parseClosePosition("AAPL", query);
            QVERIFY2(std::holds_alternative<ApiError>(refused), named);
            QCOMPARE(std::get<ApiError>(refused).httpStatus, 422);
            QVERIFY2(std::get<ApiError>(refused).message.find(named) != std::string::npos,
                     std::get<ApiError>(refused).message.c_str());
        }

        QVERIFY(std::get<CloseAllPositions>(parseCloseAllPositions({{"cancel_orders", "true"}})).cancelOrders);
        QVERIFY(!std::get<CloseAllPositions>(parseCloseAllPositions({})).cancelOrders);
        QVERIFY(std::holds_alternative<ApiError>(parseCloseAllPositions({{"cancel_orders", "yes"}})));

        const auto range =
            std::get<GetCalendar>(parseCalendar({{"start", "2026-11-02"}, {"end", "2026-11-30T00:00:00Z"}}));
        QCOMPARE(range.start, std::optional<Date>(Date{2026, 11, 2}));
        QCOMPARE(range.end, std::optional<Date>(Date{2026, 11, 30}));
        QVERIFY(std::holds_alternative<ApiError>(parseCalendar({{"start", "November"}})));
        const auto backwards = parseCalendar({{"start", "2026-11-30"}, {"end", "2026-11-02"}});
        QVERIFY(std::holds_alternative<ApiError>(backwards));
        QVERIFY(std::get<ApiError>(backwards).message.find("before start") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestAlpacaJson)
#include "tst_alpaca_json.moc"
