#include "AlertBench.h"

#include "AlertReceivers.h"

#include "api/AlertDispatcher.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Time.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>
#include <vector>

namespace vigil::bench {

namespace {

using Clock = std::chrono::steady_clock;
using vigil::testing::Receiver;

struct Spread {
    double p50Ms = 0, p99Ms = 0, maxMs = 0;
    std::size_t count = 0;
};

Spread spreadOf(std::vector<std::int64_t> ns)
{
    Spread s;
    s.count = ns.size();
    if (ns.empty())
        return s;
    std::sort(ns.begin(), ns.end());
    const auto at = [&](double q) {
        return static_cast<double>(
                   ns[std::min(ns.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ns.size())))])
               / 1e6;
    };
    s.p50Ms = at(0.50);
    s.p99Ms = at(0.99);
    s.maxMs = static_cast<double>(ns.back()) / 1e6;
    return s;
}

/// One simulated session at full speed: its events per second.
double sessionRate(AlertTap *tap)
{
    RunOptions options;
    options.seed = 7;
    options.sessionDate = Date{2026, 11, 20};
    options.speed = 0;
    EngineExtensions extensions;
    extensions.alertTap = tap;
    const auto start = Clock::now();
    Engine engine(defaultConfig(), options, std::move(extensions));
    engine.start();
    engine.waitFinished();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return static_cast<double>(engine.result().events) / seconds;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int runAlertBench(const AlertBenchOptions &o)
{
    if (qEnvironmentVariable("VIGIL_SOURCE_DIR").isEmpty())
        qputenv("VIGIL_SOURCE_DIR", VIGIL_BENCH_SOURCE_DIR);
    QTemporaryDir dir;
    Receiver webhook(QStringLiteral("webhook_receiver.py"), dir.path());
    Receiver smtp(QStringLiteral("smtp_receiver.py"), dir.path());
    if (webhook.port() == 0 || smtp.port() == 0) {
        std::fprintf(stderr, "vigil-bench alerts: a receiver did not start: %s%s\n", qPrintable(webhook.error()),
                     qPrintable(smtp.error()));
        return 1;
    }

    AlertDispatcher::Setup setup;
    setup.config.webhook.enabled = true;
    setup.config.webhook.url = webhook.url(QStringLiteral("/ok")).toStdString();
    setup.config.webhook.levels = {1, 2, 3};
    setup.config.email.enabled = true;
    setup.config.email.server = "127.0.0.1";
    setup.config.email.port = static_cast<std::uint16_t>(smtp.port());
    setup.config.email.security = SmtpSecurity::None;
    setup.config.email.from = "vigil@example.com";
    setup.config.email.to = {"ops@example.com"};
    setup.config.email.levels = {1, 2, 3};
    setup.config.escalateAfterSeconds = 0;
    setup.outboxPath = dir.filePath(QStringLiteral("alert-outbox.sqlite")).toStdString();
    AlertDispatcher dispatcher(std::move(setup));
    if (const std::string error = dispatcher.start(); !error.empty()) {
        std::fprintf(stderr, "vigil-bench alerts: %s\n", error.c_str());
        return 1;
    }

    // The measured alerts and the background ones, raised on a thread of their own at their
    // rates, as an engine thread would, each stamped when raised: only while `delivering`,
    // that is while a session with alerting runs. Sessions with and without alternate, so
    // that the machine's drift (a virtual machine's neighbours) weighs on both alike.
    std::vector<std::int64_t> raisedNs(static_cast<std::size_t>(o.alerts) + 1, 0);
    std::atomic<bool> delivering{false};
    std::atomic<bool> sending{true};
    std::thread sender([&] {
        const auto measuredGap =
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / o.perSecond));
        const auto backgroundGap =
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / o.backgroundPerSecond));
        int sent = 0, background = 0;
        Clock::time_point nextMeasured = Clock::now(), nextBackground = Clock::now();
        while (sent < o.alerts) {
            if (!delivering.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                nextMeasured = std::max(nextMeasured, Clock::now());
                nextBackground = std::max(nextBackground, Clock::now());
                continue;
            }
            const bool measured = nextMeasured <= nextBackground;
            std::this_thread::sleep_until(measured ? nextMeasured : nextBackground);
            OutgoingAlert a;
            a.severity = AlertSeverity::Warning;
            a.raisedNs = utcNowNs();
            if (measured) {
                ++sent;
                nextMeasured += measuredGap;
                a.id = static_cast<std::uint64_t>(sent);
                a.source = "bench";
                a.message = "measured alert " + std::to_string(sent);
                raisedNs[static_cast<std::size_t>(sent)] = a.raisedNs;
            } else {
                ++background;
                nextBackground += backgroundGap;
                a.id = 1'000'000 + static_cast<std::uint64_t>(background);
                a.source = "background";
                a.message = "background alert " + std::to_string(background);
            }
            dispatcher.onAlert(a);
        }
        sending.store(false);
    });
    std::vector<double> on, off;
    while (sending.load() || on.size() < 3) {
        delivering.store(true);
        on.push_back(sessionRate(&dispatcher));
        delivering.store(false);
        // Whatever is still queued goes out before the session without alerting starts.
        for (int i = 0; i < 200; ++i) {
            const std::vector<ChannelStatus> s = dispatcher.status();
            if (std::all_of(s.begin(), s.end(), [](const ChannelStatus &c) { return c.queued == 0; }))
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        off.push_back(sessionRate(nullptr));
        std::printf("session pair %zu: %.0f events/s with alerting, %.0f without\n", on.size(), on.back(), off.back());
    }
    sender.join();
    const auto drained = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < drained) {
        const std::vector<ChannelStatus> s = dispatcher.status();
        if (std::all_of(s.begin(), s.end(), [](const ChannelStatus &c) { return c.queued == 0; }))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    dispatcher.stop();

    static const QRegularExpression hookId(QStringLiteral("measured alert \\d+ #(\\d+)\"?$"));
    static const QRegularExpression mailId(QStringLiteral("X-Vigil-Alert: (\\d+)\\r\\n[\\s\\S]*measured alert"));
    std::vector<std::int64_t> toWebhook, toSmtp;
    for (const QJsonObject &r : webhook.records()) {
        const QString text = QJsonDocument::fromJson(r.value(QStringLiteral("body")).toString().toUtf8())
                                 .object()
                                 .value(QStringLiteral("text"))
                                 .toString();
        const QRegularExpressionMatch m = hookId.match(text);
        if (m.hasMatch())
            toWebhook.push_back(r.value(QStringLiteral("received_ns")).toInteger()
                                - raisedNs.at(m.captured(1).toULongLong()));
    }
    for (const QJsonObject &r : smtp.records()) {
        const QRegularExpressionMatch m = mailId.match(r.value(QStringLiteral("data")).toString());
        if (m.hasMatch())
            toSmtp.push_back(r.value(QStringLiteral("received_ns")).toInteger()
                             - raisedNs.at(m.captured(1).toULongLong()));
    }
    const Spread w = spreadOf(toWebhook), m = spreadOf(toSmtp);
    std::printf("event to webhook: %zu of %d received; p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", w.count, o.alerts,
                w.p50Ms, w.p99Ms, w.maxMs);
    std::printf("event to SMTP:    %zu of %d received; p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", m.count, o.alerts,
                m.p50Ms, m.p99Ms, m.maxMs);
    const double rateOff = median(off), rateOn = median(on);
    std::printf("engine (median of %zu sessions each): %.0f events/s with alerting, %.0f without: ratio %.3f\n",
                on.size(), rateOn, rateOff, rateOn / rateOff);
    std::printf("{\"webhook_received\": %zu, \"webhook_p50_ms\": %.2f, \"webhook_p99_ms\": %.2f, \"webhook_max_ms\": "
                "%.2f, \"smtp_received\": %zu, \"smtp_p50_ms\": %.2f, \"smtp_p99_ms\": %.2f, \"smtp_max_ms\": %.2f, "
                "\"engine_events_per_s_on\": %.0f, \"engine_events_per_s_off\": %.0f, \"engine_ratio\": %.3f}\n",
                w.count, w.p50Ms, w.p99Ms, w.maxMs, m.count, m.p50Ms, m.p99Ms, m.maxMs, rateOn, rateOff,
                rateOn / rateOff);
    return w.count == static_cast<std::size_t>(o.alerts) && m.count == static_cast<std::size_t>(o.alerts) ? 0 : 1;
}

} // namespace vigil::bench
