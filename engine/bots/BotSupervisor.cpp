#include "api/BotSupervisor.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>

namespace vigil {

namespace {

/// A line longer than this is logged in pieces: a bot that prints without newlines must not
/// grow Vigil's memory.
constexpr qsizetype kMaxLineBytes = 8 * 1024;

std::string webSocketBase(const std::string &baseUrl)
{
    if (baseUrl.rfind("https://", 0) == 0)
        return "wss://" + baseUrl.substr(8);
    if (baseUrl.rfind("http://", 0) == 0)
        return "ws://" + baseUrl.substr(7);
    return baseUrl;
}

} // namespace

std::vector<std::pair<std::string, std::string>> botEnvironment(const std::string &baseUrl, const BotConfig &bot)
{
    const std::string ws = webSocketBase(baseUrl);
    return {
        {"APCA_API_BASE_URL", baseUrl},   {"APCA_API_DATA_URL", baseUrl}, {"APCA_API_STREAM_URL", ws + "/stream"},
        {"APCA_API_DATA_STREAM_URL", ws}, {"VIGIL_BOT_NAME", bot.name},
    };
}

struct BotSupervisor::State {
    struct Bot {
        BotConfig config;
        std::unique_ptr<QProcess> process;
        std::unique_ptr<QTimer> restart; ///< the backoff's wait
        std::unique_ptr<QTimer> kill;    ///< the grace period after SIGTERM
        BotProcessStatus status;
        std::int64_t backoffMs = 0;
        QElapsedTimer running; ///< since the last start
        QByteArray out, err;   ///< a line not yet complete
        bool stopping = false; ///< stopped by Vigil: its exit is not restarted
        bool everStarted = false;
    };

    BotSupervisorSetup setup;
    std::vector<Bot> bots;
    TradingState followed = TradingState::Active;
    std::atomic<std::shared_ptr<const std::vector<BotProcessStatus>>> published;

    void publish()
    {
        auto all = std::make_shared<std::vector<BotProcessStatus>>();
        for (const Bot &b : bots)
            all->push_back(b.status);
        published.store(std::move(all));
    }

    static void logLines(const Bot &b, QByteArray &buffer, const QByteArray &more, bool error, bool flush)
    {
        buffer += more;
        qsizetype start = 0;
        for (;;) {
            qsizetype end = buffer.indexOf('\n', start);
            if (end < 0 && buffer.size() - start >= kMaxLineBytes)
                end = start + kMaxLineBytes;
            if (end < 0 && flush && start < buffer.size())
                end = buffer.size();
            if (end < 0)
                break;
            QByteArray line = buffer.mid(start, end - start);
            if (line.endsWith('\r'))
                line.chop(1);
            start = end < buffer.size() && buffer.at(end) == '\n' ? end + 1 : end;
            const std::string text = line.toStdString();
            if (error)
                spdlog::warn("bot {}: {}", b.config.name, text);
            else
                spdlog::info("bot {}: {}", b.config.name, text);
        }
        buffer.remove(0, start);
    }

    void start(Bot &b)
    {
        if (b.process->state() != QProcess::NotRunning)
            return;
        b.stopping = false;
        b.restart->stop();
        const std::string &program = b.config.command.front();
        if (!b.config.workingDirectory.empty() && !QDir(QString::fromStdString(b.config.workingDirectory)).exists()) {
            fail(b, "bot " + b.config.name + ": its working directory " + b.config.workingDirectory
                        + " does not exist; '" + program + "' was not started");
            return;
        }
        QStringList arguments;
        for (std::size_t i = 1; i < b.config.command.size(); ++i)
            arguments << QString::fromStdString(b.config.command[i]);
        b.process->setProgram(QString::fromStdString(program));
        b.process->setArguments(arguments);
        if (!b.config.workingDirectory.empty())
            b.process->setWorkingDirectory(QString::fromStdString(b.config.workingDirectory));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const auto &[name, value] : botEnvironment(setup.baseUrl, b.config))
            environment.insert(QString::fromStdString(name), QString::fromStdString(value));
        b.process->setProcessEnvironment(environment);
        b.status.state = BotProcessState::Starting;
        b.status.nextStartWallNs = 0;
        b.status.error.clear();
        publish();
        if (b.everStarted)
            ++b.status.restarts;
        b.everStarted = true;
        spdlog::info("bot {}: starting {}", b.config.name, program);
        b.process->start();
    }

    void fail(Bot &b, std::string why)
    {
        b.restart->stop();
        b.status.state = BotProcessState::Failed;
        b.status.lastExit = BotExitKind::FailedToStart;
        b.status.lastExitCode = 0;
        b.status.lastExitWallNs = utcNowNs();
        b.status.error = std::move(why);
        spdlog::error("{}", b.status.error);
        publish();
    }

    void started(Bot &b)
    {
        b.running.start();
        b.status.state = BotProcessState::Running;
        spdlog::info("bot {}: running (pid {})", b.config.name, b.process->processId());
        publish();
    }

    void finished(Bot &b, int code, QProcess::ExitStatus how)
    {
        b.kill->stop();
        logLines(b, b.out, b.process->readAllStandardOutput(), false, true);
        logLines(b, b.err, b.process->readAllStandardError(), true, true);
        b.status.lastExit = how == QProcess::CrashExit ? BotExitKind::Crashed : BotExitKind::Exited;
        b.status.lastExitCode = code;
        b.status.lastExitWallNs = utcNowNs();
        if (b.stopping) {
            b.status.state = BotProcessState::Stopped;
            spdlog::info("bot {}: stopped", b.config.name);
            publish();
            return;
        }
        // A bot that ran long enough was well: its next start waits the least again.
        if (b.running.isValid() && b.running.elapsed() >= setup.stableMs)
            b.backoffMs = setup.firstBackoffMs;
        const std::int64_t wait = b.backoffMs;
        b.backoffMs = std::min(b.backoffMs * 2, setup.maxBackoffMs);
        b.status.state = BotProcessState::Backoff;
        b.status.nextStartWallNs = utcNowNs() + wait * kNsPerMs;
        spdlog::warn("bot {}: {} {}; starting it again in {} ms", b.config.name,
                     how == QProcess::CrashExit ? "crashed" : "exited with status", code, wait);
        b.restart->start(static_cast<int>(wait));
        publish();
    }

    void errorOccurred(Bot &b, QProcess::ProcessError error)
    {
        if (error != QProcess::FailedToStart)
            return; // a crash or a write error: finished() says what became of it
        fail(b, "bot " + b.config.name + ": its program '" + b.config.command.front() + "' cannot be started ("
                    + b.process->errorString().toStdString() + "); not retried: correct the command in [[bots]]");
    }

    void stop(Bot &b)
    {
        b.stopping = true;
        b.restart->stop();
        if (b.process->state() == QProcess::NotRunning) {
            if (b.status.state != BotProcessState::Failed)
                b.status.state = BotProcessState::Stopped;
            b.status.nextStartWallNs = 0;
            return;
        }
        b.process->terminate();
        b.kill->start(static_cast<int>(setup.graceMs));
    }
};

BotSupervisor::BotSupervisor(std::vector<BotConfig> bots, BotSupervisorSetup setup)
    : m_state(std::make_unique<State>())
{
    m_state->setup = std::move(setup);
    for (BotConfig &config : bots) {
        if (config.command.empty())
            continue;
        State::Bot b;
        b.status.bot = config.name;
        b.status.program = config.command.front();
        b.status.state = BotProcessState::Stopped;
        b.config = std::move(config);
        b.backoffMs = m_state->setup.firstBackoffMs;
        b.process = std::make_unique<QProcess>();
        b.restart = std::make_unique<QTimer>();
        b.restart->setSingleShot(true);
        b.kill = std::make_unique<QTimer>();
        b.kill->setSingleShot(true);
        m_state->bots.push_back(std::move(b));
    }
    // Connected once the vector no longer moves: each lambda finds its bot by index.
    State *state = m_state.get();
    for (std::size_t i = 0; i < state->bots.size(); ++i) {
        State::Bot &b = state->bots[i];
        QProcess *p = b.process.get();
        QObject::connect(p, &QProcess::started, p, [state, i] { state->started(state->bots[i]); });
        QObject::connect(p, &QProcess::finished, p, [state, i](int code, QProcess::ExitStatus how) {
            state->finished(state->bots[i], code, how);
        });
        QObject::connect(p, &QProcess::errorOccurred, p,
                         [state, i](QProcess::ProcessError error) { state->errorOccurred(state->bots[i], error); });
        QObject::connect(p, &QProcess::readyReadStandardOutput, p, [state, i] {
            State::Bot &bot = state->bots[i];
            State::logLines(bot, bot.out, bot.process->readAllStandardOutput(), false, false);
        });
        QObject::connect(p, &QProcess::readyReadStandardError, p, [state, i] {
            State::Bot &bot = state->bots[i];
            State::logLines(bot, bot.err, bot.process->readAllStandardError(), true, false);
        });
        QObject::connect(b.restart.get(), &QTimer::timeout, b.restart.get(),
                         [state, i] { state->start(state->bots[i]); });
        QObject::connect(b.kill.get(), &QTimer::timeout, b.kill.get(), [state, i] {
            State::Bot &bot = state->bots[i];
            spdlog::warn("bot {}: still running {} ms after SIGTERM; killing it", bot.config.name,
                         state->setup.graceMs);
            bot.process->kill();
        });
    }
    m_state->publish();
}

BotSupervisor::~BotSupervisor()
{
    stopAll("vigil is shutting down");
    for (State::Bot &b : m_state->bots) {
        if (b.process->state() == QProcess::NotRunning)
            continue;
        if (!b.process->waitForFinished(static_cast<int>(m_state->setup.graceMs))) {
            b.process->kill();
            b.process->waitForFinished(1'000);
        }
    }
}

void BotSupervisor::startAll()
{
    for (State::Bot &b : m_state->bots) {
        b.backoffMs = m_state->setup.firstBackoffMs;
        m_state->start(b);
    }
    m_state->publish();
}

void BotSupervisor::stopAll(const std::string &why)
{
    if (!m_state->bots.empty())
        spdlog::warn("stopping the bots: {}", why);
    for (State::Bot &b : m_state->bots)
        m_state->stop(b);
    m_state->publish();
}

void BotSupervisor::followTradingState(TradingState state)
{
    const TradingState before = m_state->followed;
    m_state->followed = state;
    if (state == TradingState::Killed && before != TradingState::Killed)
        stopAll("the kill switch");
    else if (before == TradingState::Killed && state != TradingState::Killed)
        startAll();
}

std::size_t BotSupervisor::size() const { return m_state->bots.size(); }

std::shared_ptr<const std::vector<BotProcessStatus>> BotSupervisor::statuses() const
{
    return m_state->published.load();
}

std::int64_t BotSupervisor::processId(std::size_t index) const
{
    if (index >= m_state->bots.size())
        return 0;
    const QProcess &p = *m_state->bots[index].process;
    return p.state() == QProcess::Running ? p.processId() : 0;
}

} // namespace vigil
