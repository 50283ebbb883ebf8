#include "alpaca/AlpacaTime.h"

#include <algorithm>
#include <string_view>

namespace vigil {

namespace {

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Parses `digits` (exactly `count` digits) at `pos` of `s`.
bool number(std::string_view s, std::size_t pos, std::size_t count, int &out)
{
    if (pos + count > s.size())
        return false;
    const std::string_view part = s.substr(pos, count);
    if (!allDigits(part))
        return false;
    out = 0;
    for (char c : part)
        out = out * 10 + (c - '0');
    return true;
}

} // namespace

std::optional<Date> parseDate(std::string_view s)
{
    Date d;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !number(s, 0, 4, d.year) || !number(s, 5, 2, d.month)
        || !number(s, 8, 2, d.day) || !d.isValid())
        return std::nullopt;
    if (s.size() > 10 && !parseTimestamp(s))
        return std::nullopt;
    return d;
}

std::optional<SimTime> parseTimestamp(std::string_view s)
{
    if (s.size() == 10) {
        const auto d = parseDate(s);
        if (!d)
            return std::nullopt;
        return sessionFor(*d).at(0, 0);
    }
    SessionWindow w;
    int hour = 0, minute = 0, second = 0;
    if (s.size() < 20 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    const auto d = parseDate(s.substr(0, 10));
    if (!d || !number(s, 11, 2, hour) || !number(s, 14, 2, minute) || !number(s, 17, 2, second) || hour > 23
        || minute > 59 || second > 60)
        return std::nullopt;
    std::size_t pos = 19;
    SimTime nanos = 0;
    if (s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (++digits > 9)
                return std::nullopt;
            nanos = nanos * 10 + (s[pos] - '0');
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 9; ++i)
            nanos *= 10;
    }
    const std::string_view zone = s.substr(pos);
    int offset = 0;
    if (zone == "Z" || zone == "z") {
        offset = 0;
    } else {
        int zh = 0, zm = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !number(zone, 1, 2, zh)
            || !number(zone, 4, 2, zm) || zh > 23 || zm > 59)
            return std::nullopt;
        offset = (zone[0] == '-' ? -1 : 1) * (zh * 60 + zm);
    }
    w.date = *d;
    w.utcOffsetMinutes = offset;
    return w.at(hour, minute, second) + nanos;
}

} // namespace vigil
