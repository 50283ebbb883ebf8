#pragma once
// A configuration whose intraday strategy trades several thousand times a simulated day:
// the example configuration with tighter entry, exit and stop bands and a short cool-down.
// For the tests that stop a trading vigil at random moments. Any thread.

#include <QFile>
#include <QString>

#include <utility>

namespace vigil::testing {

/// Writes it to `dir`/busy.toml and returns its path ("" if the example changed: the test
/// must then be told).
inline QString writeBusyConfig(const QString &dir)
{
    QFile example(qEnvironmentVariable("VIGIL_SOURCE_DIR") + QStringLiteral("/resources/vigil.example.toml"));
    if (!example.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(example.readAll());
    const std::pair<const char *, const char *> changes[] = {
        {"entry_bps = 25.0", "entry_bps = 6.0"}, {"exit_bps = 5.0", "exit_bps = 1.0"},
        {"stop_bps = 60.0", "stop_bps = 15.0"},  {"cooldown_s = 60", "cooldown_s = 2"},
        {"ema_ticks = 40", "ema_ticks = 10"},
    };
    for (const auto &[from, to] : changes) {
        if (!text.contains(QLatin1String(from)))
            return {};
        text.replace(QLatin1String(from), QLatin1String(to));
    }
    const QString path = dir + QStringLiteral("/busy.toml");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0)
        return {};
    return path;
}

} // namespace vigil::testing
