#include "GuiBench.h"

#include "WideUniverse.h"

#include "MainWindow.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "health/LatencyHistogram.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace vigil::bench {

namespace {

constexpr int kSymbols = 120;
constexpr int kSeconds = 6;

/// Runs simulated sessions back to back at full speed on its own thread (a session at full
/// speed lasts a second or two), publishing the running engine's snapshots. Engines are
/// made, started and stopped on that thread, never on the GUI thread.
class EngineLoop {
public:
    EngineLoop(Config config, std::uint64_t seed)
        : m_thread([this, config = std::move(config), seed] { run(config, seed); })
    {}
    ~EngineLoop()
    {
        m_stop.store(true);
        m_thread.join();
    }
    std::shared_ptr<const Snapshot> snapshot() const { return m_latest.load(); }
    std::uint64_t sessions() const { return m_sessions.load(); }

private:
    void run(const Config &config, std::uint64_t seed)
    {
        for (int day = 0; !m_stop.load(); ++day) {
            RunOptions options;
            options.seed = seed + static_cast<std::uint64_t>(day);
            options.sessionDate = Date{2026, 11, 20};
            options.speed = 0;
            Engine engine(config, options);
            engine.start();
            while (!engine.isFinished() && !m_stop.load()) {
                m_latest.store(engine.snapshot());
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            engine.stop();
            m_sessions.fetch_add(1);
        }
    }

    std::atomic<bool> m_stop{false};
    std::atomic<std::shared_ptr<const Snapshot>> m_latest;
    std::atomic<std::uint64_t> m_sessions{0};
    std::thread m_thread;
};

struct Figures {
    std::int64_t lagP99Ns = 0;
    std::int64_t lagMaxNs = 0;
    std::uint64_t beats = 0;
    double refreshPerSecond = 0;
    std::uint64_t sessions = 0;
};

/// The console fed by one engine loop, with `load` loops running in all.
Figures measure(const Config &config, int load)
{
    std::vector<std::unique_ptr<EngineLoop>> loops;
    for (int i = 0; i < load; ++i)
        loops.push_back(std::make_unique<EngineLoop>(config, 100 + static_cast<std::uint64_t>(i) * 1000));
    EngineLoop *shown = loops.front().get();
    MainWindow window([shown] { return shown->snapshot(); });
    window.resize(1400, 900);
    window.show();

    LatencyHistogram lag;
    std::int64_t last = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const std::int64_t now = wallNowNs();
        if (last != 0)
            lag.record(std::max<std::int64_t>(0, now - last - kNsPerMs));
        last = now;
    });
    std::uint64_t refreshes = 0;
    QObject::connect(&window, &MainWindow::snapshotApplied, [&refreshes] { ++refreshes; });

    // One second to settle (first layout, first sessions), then the measured seconds.
    QEventLoop settle;
    QTimer::singleShot(1000, &settle, &QEventLoop::quit);
    settle.exec();
    refreshes = 0;
    const std::uint64_t sessionsBefore = shown->sessions();
    heartbeat.start();
    QElapsedTimer clock;
    clock.start();
    QEventLoop run;
    QTimer::singleShot(kSeconds * 1000, &run, &QEventLoop::quit);
    run.exec();
    heartbeat.stop();
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;

    Figures f;
    f.lagP99Ns = lag.quantile(0.99);
    f.lagMaxNs = lag.max();
    f.beats = lag.count();
    f.refreshPerSecond = static_cast<double>(refreshes) / seconds;
    f.sessions = shown->sessions() - sessionsBefore;
    loops.clear(); // stops the engines before the window goes
    return f;
}

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

} // namespace

int runGuiBench(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the window's saved layout stays out of the operator's settings
    const Config config = testing::widenUniverse(defaultConfig(), kSymbols);
    std::printf("gui bench: the console fed by engines at full speed over %d symbols, %d s per load\n", kSymbols,
                kSeconds);
    const Figures one = measure(config, 1);
    const Figures two = measure(config, 2);
    for (const auto &[name, f] : {std::pair{"1x load", one}, std::pair{"2x load", two}})
        std::printf("%s: 1 ms heartbeat lag p99 %.2f ms, max %.2f ms over %llu beats; %.1f refreshes/s; %llu sessions "
                    "shown\n",
                    name, ms(f.lagP99Ns), ms(f.lagMaxNs), static_cast<unsigned long long>(f.beats), f.refreshPerSecond,
                    static_cast<unsigned long long>(f.sessions));
    std::printf(
        "{\"lag_p99_ms_1x\": %.2f, \"lag_max_ms_1x\": %.2f, \"refresh_per_s_1x\": %.1f, \"lag_p99_ms_2x\": %.2f, "
        "\"lag_max_ms_2x\": %.2f, \"refresh_per_s_2x\": %.1f, \"refresh_2x_over_1x\": %.2f}\n",
        ms(one.lagP99Ns), ms(one.lagMaxNs), one.refreshPerSecond, ms(two.lagP99Ns), ms(two.lagMaxNs),
        two.refreshPerSecond, one.refreshPerSecond > 0 ? two.refreshPerSecond / one.refreshPerSecond : 0.0);
    return 0;
}

} // namespace vigil::bench
