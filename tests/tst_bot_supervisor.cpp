// Vigil's supervision of an operator's bot process, with real child processes (small shell
// scripts): the gateway's URLs in its environment and no key, its output in Vigil's log
// under its name, restarts after a backoff that doubles and starts over after a long run,
// the kill switch stopping it with SIGTERM (SIGKILL when it ignores that) and a resume
// starting it again, and a program that does not exist reported by name and never retried.

#include "api/BotSupervisor.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <map>
#include <memory>

using namespace vigil;

namespace {

BotConfig botRunning(std::string name, std::string script, std::string directory = {})
{
    BotConfig bot;
    bot.name = std::move(name);
    bot.command = {"/bin/sh", "-c", std::move(script)};
    bot.workingDirectory = std::move(directory);
    return bot;
}

BotSupervisorSetup quickSetup()
{
    BotSupervisorSetup setup;
    setup.baseUrl = "http://127.0.0.1:18788";
    setup.firstBackoffMs = 100;
    setup.maxBackoffMs = 400;
    setup.stableMs = 300;
    setup.graceMs = 400;
    return setup;
}

BotProcessStatus statusOf(const BotSupervisor &supervisor, std::size_t index = 0)
{
    return supervisor.statuses()->at(index);
}

} // namespace

class TestBotSupervisor : public QObject {
    Q_OBJECT

    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_log;

    /// Whether a line of the log holds `text` (at `level`, unless off).
    bool logged(const std::string &text, spdlog::level::level_enum level = spdlog::level::off) const
    {
        for (const spdlog::details::log_msg_buffer &m : m_log->last_raw())
            if (std::string_view(m.payload.data(), m.payload.size()).find(text) != std::string_view::npos
                && (level == spdlog::level::off || m.level == level))
                return true;
        return false;
    }

private Q_SLOTS:
    void init()
    {
        m_log = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(2000);
        auto logger = std::make_shared<spdlog::logger>("test", m_log);
        logger->set_level(spdlog::level::debug);
        spdlog::set_default_logger(logger);
        // The bot must not learn a key from Vigil: none is in the test's environment either.
        qunsetenv("APCA_API_KEY_ID");
        qunsetenv("APCA_API_SECRET_KEY");
    }

    void restartsWithBackoffAndLogsItsOutput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Runs 1, 2 and 4 exit at once; run 3 lasts longer than stableMs, so the backoff
        // starts over after it.
        const std::string script = "n=$(cat runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > runs; "
                                   "echo \"run $n base=$APCA_API_BASE_URL stream=$APCA_API_STREAM_URL "
                                   "data=$APCA_API_DATA_STREAM_URL name=$VIGIL_BOT_NAME\"; "
                                   "env | grep -c '^APCA_API_\\(KEY_ID\\|SECRET_KEY\\)=' | sed 's/^/keys /'; "
                                   "echo \"complaint $n\" >&2; "
                                   "if [ $n -eq 3 ]; then sleep 0.6; fi; exit 3";
        BotSupervisor supervisor({botRunning("echo_bot", script, dir.path().toStdString())}, quickSetup());
        QCOMPARE(supervisor.size(), std::size_t{1});
        QCOMPARE(int(statusOf(supervisor).state), int(BotProcessState::Stopped));
        supervisor.startAll();

        // The wait before each restart, by the number of restarts so far.
        std::map<int, std::int64_t> waits;
        QElapsedTimer clock;
        clock.start();
        while (waits.size() < 4 && clock.elapsed() < 20'000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QTest::qWait(2);
            const BotProcessStatus s = statusOf(supervisor);
            if (s.state == BotProcessState::Backoff)
                waits[s.restarts] = (s.nextStartWallNs - s.lastExitWallNs) / kNsPerMs;
        }
        QCOMPARE(waits.size(), std::size_t{4});
        QCOMPARE(waits[0], std::int64_t{100}); // after run 1
        QCOMPARE(waits[1], std::int64_t{200}); // run 2: doubled
        QCOMPARE(waits[2], std::int64_t{100}); // run 3 ran longer than stableMs: from the start
        QCOMPARE(waits[3], std::int64_t{200});
        const BotProcessStatus s = statusOf(supervisor);
        QCOMPARE(int(s.lastExit), int(BotExitKind::Exited));
        QCOMPARE(s.lastExitCode, 3);
        QCOMPARE(s.program, std::string("/bin/sh"));

        // Every line reached the log under the bot's name; standard error as warnings.
        QVERIFY(logged("bot echo_bot: run 1 base=http://127.0.0.1:18788 stream=ws://127.0.0.1:18788/stream "
                       "data=ws://127.0.0.1:18788 name=echo_bot",
                       spdlog::level::info));
        QVERIFY(logged("bot echo_bot: run 4 ", spdlog::level::info));
        QVERIFY(logged("bot echo_bot: complaint 2", spdlog::level::warn));
        QVERIFY(logged("bot echo_bot: keys 0"));
        QVERIFY(!logged("bot echo_bot: keys 1"));
    }

    void killSwitchStopsWithSigtermAndResumeStartsAgain()
    {
        const std::string script = "trap 'echo terminated; exit 0' TERM; echo ready; while :; do sleep 0.05; done";
        BotSupervisor supervisor({botRunning("polite_bot", script)}, quickSetup());
        supervisor.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(logged("bot polite_bot: ready"), 10'000);
        QCOMPARE(int(statusOf(supervisor).state), int(BotProcessState::Running));
        QVERIFY(supervisor.processId(0) > 0);

        supervisor.followTradingState(TradingState::Paused); // only the kill switch stops bots
        QCOMPARE(int(statusOf(supervisor).state), int(BotProcessState::Running));
        supervisor.followTradingState(TradingState::Killed);
        QTRY_COMPARE_WITH_TIMEOUT(int(statusOf(supervisor).state), int(BotProcessState::Stopped), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(logged("bot polite_bot: terminated"), 5'000); // it had SIGTERM's chance
        QCOMPARE(int(statusOf(supervisor).lastExit), int(BotExitKind::Exited));
        QTest::qWait(600); // longer than any backoff: a stopped bot is not restarted
        QCOMPARE(int(statusOf(supervisor).state), int(BotProcessState::Stopped));
        QCOMPARE(statusOf(supervisor).restarts, 0);

        supervisor.followTradingState(TradingState::Killed); // a repeat changes nothing
        supervisor.followTradingState(TradingState::Active); // the operator resumed
        QTRY_COMPARE_WITH_TIMEOUT(int(statusOf(supervisor).state), int(BotProcessState::Running), 10'000);
        QCOMPARE(statusOf(supervisor).restarts, 1);
    }

    void aBotThatIgnoresSigtermIsKilled()
    {
        const std::string script = "trap '' TERM; echo stubborn; while :; do sleep 0.05; done";
        BotSupervisor supervisor({botRunning("stubborn_bot", script)}, quickSetup());
        supervisor.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(logged("bot stubborn_bot: stubborn"), 10'000);
        supervisor.stopAll("test");
        QTRY_COMPARE_WITH_TIMEOUT(int(statusOf(supervisor).state), int(BotProcessState::Stopped), 10'000);
        QCOMPARE(int(statusOf(supervisor).lastExit), int(BotExitKind::Crashed));
        QVERIFY(logged("stubborn_bot: still running 400 ms after SIGTERM; killing it"));
    }

    void aMissingProgramIsReportedByNameAndNotRetried()
    {
        BotConfig bot;
        bot.name = "ghost_bot";
        bot.command = {"/nonexistent/ghost-trader", "--fast"};
        BotConfig lost = botRunning("lost_bot", "echo never", "/nonexistent/directory");
        BotSupervisor supervisor({bot, lost}, quickSetup());
        supervisor.startAll();
        QTRY_COMPARE_WITH_TIMEOUT(int(statusOf(supervisor).state), int(BotProcessState::Failed), 10'000);
        const BotProcessStatus s = statusOf(supervisor);
        QVERIFY2(s.error.find("ghost_bot") != std::string::npos, s.error.c_str());
        QVERIFY2(s.error.find("/nonexistent/ghost-trader") != std::string::npos, s.error.c_str());
        QVERIFY2(s.error.find("--fast") == std::string::npos, s.error.c_str()); // arguments may hold secrets
        QCOMPARE(int(s.lastExit), int(BotExitKind::FailedToStart));
        QVERIFY(logged("ghost_bot: its program '/nonexistent/ghost-trader' cannot be started", spdlog::level::err));

        const BotProcessStatus l = statusOf(supervisor, 1);
        QCOMPARE(int(l.state), int(BotProcessState::Failed));
        QVERIFY2(l.error.find("lost_bot: its working directory /nonexistent/directory does not exist")
                     != std::string::npos,
                 l.error.c_str());

        // Not a loop at full speed: nothing is tried again, however long one waits.
        QTest::qWait(1'000);
        QCOMPARE(int(statusOf(supervisor).state), int(BotProcessState::Failed));
        QCOMPARE(statusOf(supervisor).restarts, 0);
        QCOMPARE(statusOf(supervisor, 1).restarts, 0);
        int attempts = 0;
        for (const spdlog::details::log_msg_buffer &m : m_log->last_raw())
            attempts += std::string_view(m.payload.data(), m.payload.size()).find("bot ghost_bot: starting")
                                != std::string_view::npos
                            ? 1
                            : 0;
        QCOMPARE(attempts, 1);
    }
};

QTEST_GUILESS_MAIN(TestBotSupervisor)
#include "tst_bot_supervisor.moc"
