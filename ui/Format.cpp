#include "Format.h"

#include <QCoreApplication>

#include <cmath>

namespace vigil::format {

namespace {

/// Inserts thousands separators into the integer part of an unsigned decimal text.
QString groupDigits(const QString &unsignedDecimal)
{
    const qsizetype point = unsignedDecimal.indexOf(QLatin1Char('.'));
    const qsizetype integerDigits = point < 0 ? unsignedDecimal.size() : point;
    QString grouped;
    grouped.reserve(unsignedDecimal.size() + integerDigits / 3);
    for (qsizetype i = 0; i < integerDigits; ++i) {
        if (i > 0 && (integerDigits - i) % 3 == 0)
            grouped += QLatin1Char(',');
        grouped += unsignedDecimal[i];
    }
    grouped += QStringView(unsignedDecimal).mid(integerDigits);
    return grouped;
}

QString fixed(double value, int decimals) { return QString::number(value, 'f', decimals); }

/// Three significant digits of `value` (which is at least 1): "850", "12.3", "1.25".
QString threeDigits(double value)
{
    if (value >= 100)
        return fixed(value, 0);
    if (value >= 10)
        return fixed(value, 1);
    return fixed(value, 2);
}

} // namespace

QString money(Money value, Sign sign)
{
    QString text = QString::fromStdString(value.toString(2));
    const bool negative = text.startsWith(QLatin1Char('-'));
    if (negative)
        text.remove(0, 1);
    const bool zero = text == QLatin1String("0.00");
    QString prefix;
    if (negative)
        prefix = QStringLiteral("-");
    else if (sign == Sign::Always && !zero)
        prefix = QStringLiteral("+");
    return prefix + QLatin1Char('$') + groupDigits(text);
}

QString count(std::uint64_t value) { return groupDigits(QString::number(value)); }

std::optional<double> ratio(Money numerator, Money denominator)
{
    if (denominator.isZero())
        return std::nullopt;
    return static_cast<double>(numerator.raw()) / static_cast<double>(denominator.raw());
}

QString percent(std::optional<double> ratio, Sign sign)
{
    if (!ratio)
        return none();
    const double percentage = *ratio * 100.0;
    QString text = fixed(percentage, 2);
    if (text == QLatin1String("-0.00"))
        text = QStringLiteral("0.00");
    if (sign == Sign::Always && !text.startsWith(QLatin1Char('-')) && text != QLatin1String("0.00"))
        text.prepend(QLatin1Char('+'));
    return text + QLatin1Char('%');
}

QString duration(std::int64_t nanoseconds)
{
    const double ns = static_cast<double>(nanoseconds);
    if (nanoseconds < 1'000)
        return QString::number(nanoseconds) + QStringLiteral(" ns");
    if (nanoseconds < 999'500)
        return threeDigits(ns / 1e3) + QStringLiteral(" µs");
    if (nanoseconds < 999'500'000)
        return threeDigits(ns / 1e6) + QStringLiteral(" ms");
    return threeDigits(ns / 1e9) + QStringLiteral(" s");
}

QString age(std::int64_t milliseconds)
{
    if (milliseconds < 1'000)
        return QString::number(std::max<std::int64_t>(milliseconds, 0)) + QStringLiteral(" ms");
    if (milliseconds < 60'000)
        return fixed(static_cast<double>(milliseconds) / 1e3, 1) + QStringLiteral(" s");
    const std::int64_t seconds = milliseconds / 1'000;
    if (seconds < 3'600)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h %2m").arg(seconds / 3'600).arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'));
}

QString speed(double factor)
{
    if (factor <= 0)
        return QCoreApplication::translate("vigil::format", "max");
    return QCoreApplication::translate("vigil::format", "%1x").arg(QString::number(factor, 'g', 4));
}

QString bytes(std::int64_t value)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(value);
    int unit = 0;
    while (std::abs(v) >= 1000.0 && unit < 4) {
        v /= 1000.0;
        ++unit;
    }
    const int decimals = unit == 0 || std::abs(v) >= 100.0 ? 0 : (std::abs(v) >= 10.0 ? 1 : 2);
    return QStringLiteral("%1 %2").arg(QString::number(v, 'f', decimals), QString::fromLatin1(units[unit]));
}

QString basisPoints(double bps)
{
    const double rounded = std::round(bps * 10.0) / 10.0;
    const QString text = QString::number(std::abs(rounded), 'f', 1) + QStringLiteral(" bp");
    if (rounded > 0)
        return QStringLiteral("+") + text;
    if (rounded < 0)
        return QStringLiteral("-") + text;
    return text;
}

QString none() { return QStringLiteral("—"); }

} // namespace vigil::format
