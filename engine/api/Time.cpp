#include "api/Time.h"

#include <chrono>
#include <cstdio>

namespace vigil {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

int weekday(int y, int m, int d) // 0 = Sunday
{
    const std::int64_t days = daysFromCivil(y, m, d);
    return static_cast<int>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

// Day of month of the n-th Sunday (n >= 1) of a month.
int nthSunday(int y, int m, int n)
{
    const int first = weekday(y, m, 1);
    const int firstSunday = 1 + (7 - first) % 7;
    return firstSunday + 7 * (n - 1);
}

} // namespace

std::string Date::toIso() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::toCompact() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

bool Date::isValid() const
{
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= limit;
}

SessionWindow sessionFor(const Date &date)
{
    // US daylight saving time (since 2007): second Sunday of March to first Sunday of
    // November. The session runs well after 02:00, so the date alone decides.
    const int y = date.year;
    const std::int64_t day = daysFromCivil(y, date.month, date.day);
    const std::int64_t dstStart = daysFromCivil(y, 3, nthSunday(y, 3, 2));
    const std::int64_t dstEnd = daysFromCivil(y, 11, nthSunday(y, 11, 1));
    const bool dst = day >= dstStart && day < dstEnd;

    SessionWindow w;
    w.date = date;
    w.utcOffsetMinutes = dst ? -240 : -300;
    w.open = w.at(9, 30);
    w.close = w.at(16, 0);
    return w;
}

SimTime SessionWindow::at(int hour, int minute, int second) const
{
    const std::int64_t day = daysFromCivil(date.year, date.month, date.day);
    const std::int64_t localSeconds = day * 86400 + hour * 3600 + minute * 60 + second;
    return (localSeconds - utcOffsetMinutes * 60) * kNsPerSecond;
}

int SessionWindow::secondsOfDay(SimTime t) const
{
    const std::int64_t local = t / kNsPerSecond + utcOffsetMinutes * 60;
    const std::int64_t s = local % 86400;
    return static_cast<int>(s < 0 ? s + 86400 : s);
}

std::string SessionWindow::clockText(SimTime t) const
{
    const int s = secondsOfDay(t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

std::int64_t wallNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t utcNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace vigil
