#pragma once
// A configuration for tests that need a busy day: the example configuration with the
// intraday strategy's thresholds lowered, so it trades several thousand times a day.

#include <QFile>
#include <QString>

#include <utility>

namespace vigil::testing {

/// A configuration whose intraday strategy trades several thousand times a day.
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
            return {}; // the example changed: this test must be told
        text.replace(QLatin1String(from), QLatin1String(to));
    }
    const QString path = dir + QStringLiteral("/busy.toml");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0)
        return {};
    return path;
}

} // namespace vigil::testing
