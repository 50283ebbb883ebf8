#include "alpaca/LatestQuotes.h"

#include "alpaca/MsgPackMarketData.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <limits>

namespace vigil::alpaca {

namespace {

/// `count` decimal digits at `text[at]`.
bool digits(std::string_view text, std::size_t at, std::size_t count, int &out)
{
    if (at + count > text.size())
        return false;
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

bool size(const QJsonValue &value, std::int32_t &out)
{
    if (!value.isDouble())
        return false;
    const double v = std::nearbyint(value.toDouble());
    if (!(v >= 0.0 && v <= static_cast<double>(std::numeric_limits<std::int32_t>::max())))
        return false;
    out = static_cast<std::int32_t>(v);
    return true;
}

} // namespace

bool parseRfc3339(std::string_view text, SimTime &out)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, month) || text[7] != '-'
        || !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') || !digits(text, 11, 2, hour)
        || text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second)
        || hour > 23 || minute > 59 || second > 60)
        return false;
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok())
        return false;
    std::size_t at = 19;
    SimTime fraction = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        SimTime scale = kNsPerSecond;
        const std::size_t first = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (scale > 1) {
                scale /= 10;
                fraction += (text[at] - '0') * scale;
            }
            ++at;
        }
        if (at == first)
            return false;
    }
    SimTime offsetSeconds = 0;
    if (at + 1 == text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        // UTC
    } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
        int offsetHours = 0, offsetMinutes = 0;
        if (!digits(text, at + 1, 2, offsetHours) || !digits(text, at + 4, 2, offsetMinutes))
            return false;
        offsetSeconds = (text[at] == '+' ? 1 : -1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
        return false;
    }
    const SimTime days = std::chrono::sys_days(date).time_since_epoch().count();
    out = ((days * 24 + hour) * 60 + minute) * 60 * kNsPerSecond + second * kNsPerSecond + fraction
          - offsetSeconds * kNsPerSecond;
    return true;
}

std::string parseLatestQuotes(const QByteArray &body, std::vector<LatestQuote> &out)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return "not JSON: " + error.errorString().toStdString();
    const QJsonValue quotes = document.object().value(QStringLiteral("quotes"));
    if (!quotes.isObject())
        return "no \"quotes\" object";
    std::string problems;
    const QJsonObject all = quotes.toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonObject q = it.value().toObject();
        LatestQuote quote;
        quote.symbol = it.key().toStdString();
        const QByteArray time = q.value(QStringLiteral("t")).toString().toUtf8();
        const QJsonValue bp = q.value(QStringLiteral("bp"));
        const QJsonValue ap = q.value(QStringLiteral("ap"));
        if (!bp.isDouble() || !ap.isDouble() || !priceFromDouble(bp.toDouble(), quote.bid)
            || !priceFromDouble(ap.toDouble(), quote.ask) || !size(q.value(QStringLiteral("bs")), quote.bidSize)
            || !size(q.value(QStringLiteral("as")), quote.askSize)
            || !parseRfc3339(std::string_view(time.constData(), static_cast<std::size_t>(time.size())), quote.time)) {
            problems += (problems.empty() ? "unreadable quote of " : ", ") + quote.symbol;
            continue;
        }
        out.push_back(std::move(quote));
    }
    return problems;
}

} // namespace vigil::alpaca
