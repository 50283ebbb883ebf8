#include "net/AlpacaJson.h"

#include "net/Rfc3339.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>

#include <cstdio>
#include <cstdlib>

namespace vigil::gateway::alpaca {

namespace {

__extension__ using Int128 = __int128;

QString q(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

template<typename Tag> QJsonValue decimal(Fixed4<Tag> value) { return q(value.toString()); }
QJsonValue quantity(Quantity qty) { return q(std::to_string(qty)); }
/// A market data price: a JSON number, as Alpaca's market data API writes it.
QJsonValue number(Price price) { return price.toDouble(); }

/// `numerator / denominator` as decimal text, rounded half away from zero to eight places,
/// trailing zeros dropped down to two ("0.20", "-0.0028035"); "0" when the denominator is 0.
std::string ratio(std::int64_t numerator, std::int64_t denominator)
{
    if (denominator == 0)
        return "0";
    constexpr Int128 kScale = 100'000'000;
    Int128 num = static_cast<Int128>(numerator) * kScale;
    Int128 den = denominator;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const bool negative = num < 0;
    const Int128 magnitude = negative ? -num : num;
    const Int128 scaled = (magnitude + den / 2) / den;
    const auto whole = static_cast<std::uint64_t>(scaled / kScale);
    std::string frac = std::to_string(static_cast<std::uint64_t>(scaled % kScale));
    frac.insert(0, 8 - frac.size(), '0');
    while (frac.size() > 2 && frac.back() == '0')
        frac.pop_back();
    std::string out = negative && scaled != 0 ? "-" : "";
    return out + std::to_string(whole) + "." + frac;
}

// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
Date civilFromDays(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

/// "YYYY-MM-DDTHH:MM:SS[.fffffffff]" of `t` shifted by `offsetMinutes`, without a zone.
std::string localText(SimTime t, int offsetMinutes)
{
    const SimTime local = t + static_cast<SimTime>(offsetMinutes) * kNsPerMinute;
    std::int64_t seconds = local / kNsPerSecond;
    std::int64_t nanos = local % kNsPerSecond;
    if (nanos < 0) {
        nanos += kNsPerSecond;
        --seconds;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t secOfDay = seconds % 86400;
    if (secOfDay < 0) {
        secOfDay += 86400;
        --days;
    }
    const Date d = civilFromDays(days);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day,
                  static_cast<int>(secOfDay / 3600), static_cast<int>(secOfDay / 60 % 60),
                  static_cast<int>(secOfDay % 60));
    std::string out = buf;
    if (nanos != 0) {
        std::string frac = std::to_string(nanos);
        frac.insert(0, 9 - frac.size(), '0');
        while (frac.back() == '0')
            frac.pop_back();
        out += '.' + frac;
    }
    return out;
}

/// "HH:MM" (or "HHMM" without the colon) New York time of `t`.
std::string clockOf(SimTime t, int offsetMinutes, bool colon)
{
    const std::string text = localText(t, offsetMinutes);
    return colon ? text.substr(11, 5) : text.substr(11, 2) + text.substr(14, 2);
}

const QUuid &vigilNamespace()
{
    // Vigil's own namespace for name-based UUIDs (a fixed random UUID).
    static const QUuid ns(QStringLiteral("5b0f8f0e-3c1a-4d7e-9a52-7e4c2d61a9b3"));
    return ns;
}

std::string nameUuid(std::string_view kind, std::string_view name)
{
    const QByteArray key = QByteArray(kind.data(), static_cast<qsizetype>(kind.size())) + ':'
                           + QByteArray(name.data(), static_cast<qsizetype>(name.size()));
    return QUuid::createUuidV5(vigilNamespace(), key).toString(QUuid::WithoutBraces).toStdString();
}

} // namespace

// ---- names and identifiers --------------------------------------------------------------

std::string accountId(std::string_view botName) { return nameUuid("account", botName); }

bool isUuid(std::string_view text)
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

// ---- times ------------------------------------------------------------------------------

std::string utcTimestamp(SimTime t) { return rfc3339(t); }

std::string offsetTimestamp(SimTime t, int utcOffsetMinutes)
{
    const int magnitude = std::abs(utcOffsetMinutes);
    char zone[8];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", utcOffsetMinutes < 0 ? '-' : '+', magnitude / 60 % 100,
                  magnitude % 60);
    return localText(t, utcOffsetMinutes) + zone;
}

// ---- the trading API's objects ----------------------------------------------------------

QJsonObject positionJson(const BotPosition &p)
{
    const Quantity magnitude = p.qty < 0 ? -p.qty : p.qty;
    const Money lastdayValue = notional(p.lastdayPrice, magnitude);
    QJsonObject j;
    j[QStringLiteral("asset_id")] = q(alpacaAssetId(p.symbol));
    j[QStringLiteral("symbol")] = q(p.symbol);
    j[QStringLiteral("exchange")] = QStringLiteral("NASDAQ");
    j[QStringLiteral("asset_class")] = QStringLiteral("us_equity");
    j[QStringLiteral("asset_marginable")] = false;
    j[QStringLiteral("avg_entry_price")] = decimal(p.avgEntryPrice);
    j[QStringLiteral("qty")] = quantity(p.qty);
    j[QStringLiteral("qty_available")] = quantity(p.qty);
    j[QStringLiteral("side")] = p.qty < 0 ? QStringLiteral("short") : QStringLiteral("long");
    j[QStringLiteral("market_value")] = decimal(p.marketValue);
    j[QStringLiteral("cost_basis")] = decimal(p.costBasis);
    j[QStringLiteral("unrealized_pl")] = decimal(p.unrealizedPl);
    j[QStringLiteral("unrealized_plpc")] = q(ratio(p.unrealizedPl.raw(), std::llabs(p.costBasis.raw())));
    j[QStringLiteral("unrealized_intraday_pl")] = decimal(p.unrealizedIntradayPl);
    j[QStringLiteral("unrealized_intraday_plpc")] = q(ratio(p.unrealizedIntradayPl.raw(), lastdayValue.raw()));
    j[QStringLiteral("current_price")] = decimal(p.currentPrice);
    j[QStringLiteral("lastday_price")] = decimal(p.lastdayPrice);
    j[QStringLiteral("change_today")] = q(ratio((p.currentPrice - p.lastdayPrice).raw(), p.lastdayPrice.raw()));
    return j;
}

QJsonObject accountJson(const BotAccount &a)
{
    // A cash account (multiplier 1): positions are fully paid, so the margin requirements
    // are the positions' gross value and every kind of buying power is the bot's own.
    const Money gross = a.longMarketValue + (a.shortMarketValue.raw() < 0 ? -a.shortMarketValue : a.shortMarketValue);
    QJsonObject j;
    j[QStringLiteral("id")] = q(accountId(a.botName));
    j[QStringLiteral("account_number")] = q(a.botName);
    j[QStringLiteral("status")] = QStringLiteral("ACTIVE");
    j[QStringLiteral("currency")] = QStringLiteral("USD");
    j[QStringLiteral("cash")] = decimal(a.cash);
    j[QStringLiteral("buying_power")] = decimal(a.buyingPower);
    j[QStringLiteral("regt_buying_power")] = decimal(a.buyingPower);
    j[QStringLiteral("non_marginable_buying_power")] = decimal(a.buyingPower);
    j[QStringLiteral("equity")] = decimal(a.equity);
    j[QStringLiteral("last_equity")] = decimal(a.lastEquity);
    j[QStringLiteral("portfolio_value")] = decimal(a.equity);
    j[QStringLiteral("long_market_value")] = decimal(a.longMarketValue);
    j[QStringLiteral("short_market_value")] = decimal(a.shortMarketValue);
    j[QStringLiteral("initial_margin")] = decimal(gross);
    j[QStringLiteral("maintenance_margin")] = decimal(gross);
    j[QStringLiteral("last_maintenance_margin")] = decimal(Money());
    j[QStringLiteral("sma")] = decimal(Money());
    j[QStringLiteral("multiplier")] = QStringLiteral("1");
    j[QStringLiteral("shorting_enabled")] = true;
    j[QStringLiteral("trading_blocked")] = a.tradingBlocked;
    j[QStringLiteral("transfers_blocked")] = true; // no money moves through Vigil
    j[QStringLiteral("account_blocked")] = a.accountBlocked;
    j[QStringLiteral("trade_suspended_by_user")] = false;
    j[QStringLiteral("created_at")] = q(utcTimestamp(a.createdAt));
    return j;
}

QJsonObject clockJson(const ClockView &c)
{
    QJsonObject j;
    j[QStringLiteral("timestamp")] = q(offsetTimestamp(c.now, c.utcOffsetMinutes));
    j[QStringLiteral("is_open")] = c.isOpen;
    j[QStringLiteral("next_open")] = q(offsetTimestamp(c.nextOpen, c.utcOffsetMinutes));
    j[QStringLiteral("next_close")] = q(offsetTimestamp(c.nextClose, c.utcOffsetMinutes));
    return j;
}

QJsonObject calendarJson(const CalendarDay &d)
{
    // Vigil's venue trades the regular session only: the "session" is the same window.
    QJsonObject j;
    j[QStringLiteral("date")] = q(d.date.toIso());
    j[QStringLiteral("open")] = q(clockOf(d.open, d.utcOffsetMinutes, true));
    j[QStringLiteral("close")] = q(clockOf(d.close, d.utcOffsetMinutes, true));
    j[QStringLiteral("session_open")] = q(clockOf(d.open, d.utcOffsetMinutes, false));
    j[QStringLiteral("session_close")] = q(clockOf(d.close, d.utcOffsetMinutes, false));
    return j;
}

QJsonObject assetJson(const AssetView &a)
{
    QJsonObject j;
    j[QStringLiteral("id")] = q(a.uuid.empty() ? alpacaAssetId(a.symbol) : a.uuid);
    j[QStringLiteral("class")] = QStringLiteral("us_equity");
    j[QStringLiteral("exchange")] = a.exchange.empty() ? QStringLiteral("NASDAQ") : q(a.exchange);
    j[QStringLiteral("symbol")] = q(a.symbol);
    j[QStringLiteral("name")] = q(a.symbol);
    j[QStringLiteral("status")] = QStringLiteral("active");
    j[QStringLiteral("tradable")] = a.tradable;
    j[QStringLiteral("marginable")] = a.marginable;
    j[QStringLiteral("shortable")] = a.shortable;
    j[QStringLiteral("easy_to_borrow")] = a.shortable;
    j[QStringLiteral("fractionable")] = false;
    return j;
}

QJsonObject activityJson(const BotActivity &a)
{
    // The id's time: YYYYMMDDHHMMSS of the RFC 3339 text, then the milliseconds.
    const std::string when = rfc3339(a.time);
    std::string id;
    for (std::size_t i = 0; i < 19 && i < when.size(); ++i)
        if (when[i] >= '0' && when[i] <= '9')
            id += when[i];
    const auto millis = static_cast<int>((a.time % 1'000'000'000) / 1'000'000);
    for (const int digit : {millis / 100, millis / 10 % 10, millis % 10})
        id += static_cast<char>('0' + digit);
    id += "::";
    id += a.executionId;
    QJsonObject j;
    j[QStringLiteral("id")] = q(id);
    j[QStringLiteral("activity_type")] = QStringLiteral("FILL");
    j[QStringLiteral("transaction_time")] = q(when);
    j[QStringLiteral("type")] = a.leavesQty > 0 ? QStringLiteral("partial_fill") : QStringLiteral("fill");
    j[QStringLiteral("price")] = decimal(a.price);
    j[QStringLiteral("qty")] = quantity(a.qty);
    j[QStringLiteral("side")] = q(alpacaSide(a.side));
    j[QStringLiteral("symbol")] = q(a.symbol);
    j[QStringLiteral("leaves_qty")] = quantity(a.leavesQty);
    j[QStringLiteral("order_id")] = q(a.orderUuid);
    j[QStringLiteral("cum_qty")] = quantity(a.cumQty);
    j[QStringLiteral("order_status")] = q(alpacaOrderStatus(a.orderStatus));
    return j;
}

QJsonObject errorJson(const ApiError &e)
{
    QJsonObject j;
    for (const auto &[name, value] : e.context)
        j[q(name)] = q(value);
    j[QStringLiteral("code")] = e.code;
    j[QStringLiteral("message")] = q(e.message);
    return j;
}

QJsonArray bulkJson(const std::vector<BulkItem> &items, const char *keyName)
{
    QJsonArray out;
    for (const BulkItem &item : items) {
        QJsonObject j;
        j[QLatin1String(keyName)] = q(item.key);
        j[QStringLiteral("status")] = item.status;
        if (const auto *order = std::get_if<BotOrder>(&item.body))
            j[QStringLiteral("body")] = orderJson(*order);
        else if (const auto *error = std::get_if<ApiError>(&item.body))
            j[QStringLiteral("body")] = errorJson(*error);
        out.append(j);
    }
    return out;
}

// ---- the market data API's objects ------------------------------------------------------

// The gateway serves the IEX feed's shape (the stream is "/v2/iex"): every exchange is "V",
// and the tape is Nasdaq's ("C"), the listing every asset and position names.
QJsonObject quoteJson(const LatestQuote &qt)
{
    QJsonObject j;
    j[QStringLiteral("t")] = q(utcTimestamp(qt.time));
    j[QStringLiteral("bx")] = QStringLiteral("V");
    j[QStringLiteral("bp")] = number(qt.bid);
    j[QStringLiteral("bs")] = qt.bidSize;
    j[QStringLiteral("ax")] = QStringLiteral("V");
    j[QStringLiteral("ap")] = number(qt.ask);
    j[QStringLiteral("as")] = qt.askSize;
    j[QStringLiteral("c")] = QJsonArray(); // no conditions: the venue has none
    j[QStringLiteral("z")] = QStringLiteral("C");
    return j;
}

QJsonObject tradeJson(const LatestTrade &t)
{
    QJsonObject j;
    j[QStringLiteral("t")] = q(utcTimestamp(t.time));
    j[QStringLiteral("x")] = QStringLiteral("V");
    j[QStringLiteral("p")] = number(t.price);
    j[QStringLiteral("s")] = t.size;
    j[QStringLiteral("i")] = static_cast<qint64>(t.tradeId);
    j[QStringLiteral("c")] = QJsonArray();
    j[QStringLiteral("z")] = QStringLiteral("C");
    return j;
}

QJsonObject barJson(const LatestBar &b)
{
    QJsonObject j;
    j[QStringLiteral("t")] = q(utcTimestamp(b.start));
    j[QStringLiteral("o")] = number(b.open);
    j[QStringLiteral("h")] = number(b.high);
    j[QStringLiteral("l")] = number(b.low);
    j[QStringLiteral("c")] = number(b.close);
    j[QStringLiteral("v")] = static_cast<qint64>(b.volume);
    j[QStringLiteral("n")] = static_cast<qint64>(b.tradeCount);
    j[QStringLiteral("vw")] = number(b.vwap);
    return j;
}

QByteArray toText(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }
QByteArray toText(const QJsonArray &array) { return QJsonDocument(array).toJson(QJsonDocument::Compact); }

} // namespace vigil::gateway::alpaca
