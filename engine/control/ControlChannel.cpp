#include "api/ControlChannel.h"

#include "api/ChecklistRunner.h"
#include "api/Engine.h"
#include "api/PrintedPnl.h"
#include "api/Reconciliation.h"
#include "api/UserName.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QPointer>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace vigil {

namespace {

constexpr qint64 kMaxRequestBytes = 64 * 1024;
constexpr int kIdleClientMs = 30'000; ///< a client that says nothing is let go after this
constexpr int kPollMs = 20;           ///< how often a waiting answer looks at the snapshot again
constexpr int kAnswerWaitMs = 5000;   ///< longest wait for a fresh snapshot, or for the journal's commit
/// Why a line is not a JSON object: the parser's error, or, for valid JSON of another
/// kind (an array, a number), which kind it is (the parser has no error to tell then).
QString notAnObject(const QJsonDocument &doc, const QJsonParseError &parseError)
{
    if (parseError.error != QJsonParseError::NoError)
        return parseError.errorString();
    if (doc.isArray())
        return QStringLiteral("it is an array; send one object, e.g. {\"command\": \"status\"}");
    return QStringLiteral("it is empty or a single value; send one object, e.g. {\"command\": \"status\"}");
}

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
/// To the cent, rounded as every printed figure is (roundToCent).
QString money(Money m) { return QString::fromStdString(roundToCent(m).toString(2)); }

/// `part` as a signed percentage of `whole` with two decimals, in integer arithmetic.
QString percentOf(Money part, Money whole)
{
    if (whole.raw() == 0)
        return QStringLiteral("0.00");
    const std::int64_t basisPoints = part.raw() * 10'000 / whole.raw();
    const std::int64_t magnitude = basisPoints < 0 ? -basisPoints : basisPoints;
    return QStringLiteral("%1%2.%3")
        .arg(basisPoints < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

QString phaseName(SessionPhase p)
{
    switch (p) {
    case SessionPhase::NotStarted: return QStringLiteral("not started");
    case SessionPhase::Open: return QStringLiteral("open");
    case SessionPhase::Closed: return QStringLiteral("closed");
    }
    return QStringLiteral("?");
}

QString flattenPhaseName(FlattenStatus::Phase p)
{
    switch (p) {
    case FlattenStatus::Phase::None: return QStringLiteral("none");
    case FlattenStatus::Phase::Cancelling: return QStringLiteral("cancelling");
    case FlattenStatus::Phase::Closing: return QStringLiteral("closing");
    case FlattenStatus::Phase::Flat: return QStringLiteral("flat");
    case FlattenStatus::Phase::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("?");
}

QString levelName(LimitUsage::Level l)
{
    switch (l) {
    case LimitUsage::Level::Ok: return QStringLiteral("ok");
    case LimitUsage::Level::Warning: return QStringLiteral("warning");
    case LimitUsage::Level::Breach: return QStringLiteral("breach");
    }
    return QStringLiteral("?");
}

/// "HH:MM:SS" New York time of `t` on the snapshot's session day ("" before the session).
QString clockOf(const Snapshot &s, SimTime t)
{
    const QDate d = QDate::fromString(text(s.sessionDate), Qt::ISODate);
    if (!d.isValid() || t == 0)
        return {};
    return QString::fromStdString(sessionFor(Date{d.year(), d.month(), d.day()}).clockText(t));
}

/// Who is at the other end of the socket, as the kernel says (not as the client claims).
QString peerActor(const QLocalSocket &socket)
{
    struct ucred credentials {};
    socklen_t size = sizeof credentials;
    if (getsockopt(static_cast<int>(socket.socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0)
        return QStringLiteral("unknown (vigil ctl)");
    return QStringLiteral("%1 (vigil ctl, pid %2)")
        .arg(QString::fromStdString(userName(credentials.uid)))
        .arg(credentials.pid);
}

/// The user's private directory for sockets: $XDG_RUNTIME_DIR, or one of our own in /tmp,
/// which must belong to this user and be closed to everyone else.
QString runtimeDirectory(QString *error)
{
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QFileInfo(xdg).isDir())
        return xdg;
    const QString dir = QDir::tempPath() + QStringLiteral("/vigil-runtime-%1").arg(getuid());
    const QByteArray path = QFile::encodeName(dir);
    ::mkdir(path.constData(), 0700);
    struct stat info {};
    if (::lstat(path.constData(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != getuid()
        || (info.st_mode & 077) != 0) {
        if (error)
            *error = QStringLiteral("%1 is not a private directory of this user; set XDG_RUNTIME_DIR").arg(dir);
        return {};
    }
    return dir;
}

/// Whether a process listens on the Unix socket at `path`: a connection it refused says
/// no one does (the file outlived its process); anything else counts as alive.
bool nobodyListens(const QByteArray &path)
{
    sockaddr_un address{};
    if (path.size() >= static_cast<qsizetype>(sizeof address.sun_path))
        return false;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.constData(), static_cast<std::size_t>(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const bool refused =
        ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 && errno == ECONNREFUSED;
    ::close(fd);
    return refused;
}

/// Removes the control sockets in `runtime` that no process listens on any more: each
/// instance's socket is named after its data directory, so the sockets of processes killed
/// (SIGKILL, a crash, a power cut) on other data directories would pile up otherwise. Only
/// Vigil's own names, only sockets of this user, and only the file that was found dead (a
/// new instance may replace it in between).
void removeDeadSockets(const QString &runtime, const QString &own)
{
    const QDir dir(runtime);
    for (const QString &name :
         dir.entryList({QStringLiteral("vigil-*.sock")}, QDir::System | QDir::Hidden | QDir::Files)) {
        const QString file = dir.filePath(name);
        if (file == own)
            continue; // replaced by listen() when the instance lock says it is dead
        const QByteArray path = QFile::encodeName(file);
        struct stat before {
        }, after{};
        if (::lstat(path.constData(), &before) != 0 || !S_ISSOCK(before.st_mode) || before.st_uid != getuid()
            || !nobodyListens(path))
            continue;
        if (::lstat(path.constData(), &after) == 0 && after.st_ino == before.st_ino && after.st_dev == before.st_dev
            && ::unlink(path.constData()) == 0)
            spdlog::info("removed the control socket {}: no process listens on it", path.toStdString());
    }
}

} // namespace

QString controlSocketPath(const QString &dataDir, QString *error)
{
    const QString runtime = runtimeDirectory(error);
    if (runtime.isEmpty())
        return {};
    QFileInfo info(dataDir);
    const QString canonical = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
    const QByteArray digest = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return runtime + QStringLiteral("/vigil-%1.sock").arg(QString::fromLatin1(digest));
}

QJsonObject statusJson(const Snapshot &s)
{
    QJsonObject o;
    o[QStringLiteral("state")] = text(toString(s.tradingState));
    o[QStringLiteral("state_actor")] = QString::fromStdString(s.stateActor);
    o[QStringLiteral("state_reason")] = QString::fromStdString(s.stateReason);
    o[QStringLiteral("state_since")] = clockOf(s, s.stateSince);
    o[QStringLiteral("session_date")] = QString::fromStdString(s.sessionDate);
    o[QStringLiteral("session")] = phaseName(s.phase);
    o[QStringLiteral("clock")] = QString::fromStdString(s.simClock);
    if (!s.catchingUpTo.empty()) {
        o[QStringLiteral("catching_up_to")] = QString::fromStdString(s.catchingUpTo);
        o[QStringLiteral("replaying")] = true;
    }

    // As the console prints them: each part to the cent, each total the sum of the parts.
    const PrintedPnl printed = printedPnl(s.startingEquity, s.equity, s.realizedPnl, s.unrealizedPnl, s.highWaterMark);
    QJsonObject pnl;
    pnl[QStringLiteral("daily")] = money(printed.total);
    pnl[QStringLiteral("daily_pct")] = percentOf(printed.total, printed.startingEquity);
    pnl[QStringLiteral("realized")] = money(printed.realized);
    pnl[QStringLiteral("unrealized")] = money(printed.unrealized);
    pnl[QStringLiteral("fees")] = money(s.fees);
    pnl[QStringLiteral("equity")] = money(printed.equity);
    pnl[QStringLiteral("starting_equity")] = money(printed.startingEquity);
    pnl[QStringLiteral("high_water_mark")] = money(printed.highWaterMark);
    pnl[QStringLiteral("drawdown")] = money(printed.drawdown);
    // During a restart's replay the figures hold the journal's prices of this time.
    if (!s.figuresAsOf.empty())
        pnl[QStringLiteral("figures_as_of")] = QString::fromStdString(s.figuresAsOf);
    o[QStringLiteral("pnl")] = pnl;

    QJsonObject exposure;
    exposure[QStringLiteral("gross")] = money(s.grossExposure);
    exposure[QStringLiteral("net")] = money(s.netExposure);
    exposure[QStringLiteral("gross_pct")] = percentOf(s.grossExposure, s.equity);
    o[QStringLiteral("exposure")] = exposure;

    // The open positions as the engine's books hold them (prices to the 1/10000 they are
    // kept in, money to the cent, as above).
    QJsonArray positions;
    for (const PositionRow &p : s.positions) {
        QJsonObject position;
        position[QStringLiteral("symbol")] = QString::fromStdString(p.symbol);
        position[QStringLiteral("quantity")] = static_cast<qint64>(p.qty);
        position[QStringLiteral("average_price")] = QString::fromStdString(p.avgPrice.toString());
        position[QStringLiteral("market_price")] = QString::fromStdString(p.markPrice.toString());
        position[QStringLiteral("market_value")] = money(p.marketValue);
        position[QStringLiteral("unrealized_pnl")] = money(p.unrealizedPnl);
        position[QStringLiteral("realized_pnl")] = money(p.realizedPnl);
        positions.append(position);
    }
    o[QStringLiteral("positions")] = positions;

    QJsonObject orders;
    orders[QStringLiteral("working")] = static_cast<qint64>(s.workingOrders);
    orders[QStringLiteral("sent")] = static_cast<qint64>(s.orders);
    orders[QStringLiteral("fills")] = static_cast<qint64>(s.fills);
    orders[QStringLiteral("rejected")] = static_cast<qint64>(s.rejects);
    o[QStringLiteral("orders")] = orders;

    QJsonArray limits;
    for (const LimitUsage &l : s.limits) {
        QJsonObject limit;
        limit[QStringLiteral("name")] = QString::fromStdString(l.name);
        limit[QStringLiteral("value")] = QString::fromStdString(l.value);
        limit[QStringLiteral("limit")] = QString::fromStdString(l.limit);
        limit[QStringLiteral("used_pct")] = l.usedPct;
        limit[QStringLiteral("distance")] = QString::fromStdString(l.distance);
        limit[QStringLiteral("level")] = levelName(l.level);
        limit[QStringLiteral("kill_trigger")] = l.killTrigger;
        limits.append(limit);
    }
    o[QStringLiteral("limits")] = limits;

    QJsonObject refusals;
    for (const auto &[check, count] : s.refusals)
        refusals[QString::fromStdString(check)] = static_cast<qint64>(count);
    o[QStringLiteral("refusals")] = refusals;

    QJsonObject flatten;
    flatten[QStringLiteral("phase")] = flattenPhaseName(s.flatten.phase);
    flatten[QStringLiteral("scope")] = QString::fromStdString(s.flatten.scope);
    flatten[QStringLiteral("detail")] = QString::fromStdString(s.flatten.detail);
    flatten[QStringLiteral("outstanding")] = static_cast<qint64>(s.flatten.outstanding);
    o[QStringLiteral("flatten")] = flatten;

    QJsonArray stopped;
    for (const StrategyRow &row : s.strategies)
        if (row.stopped)
            stopped.append(QString::fromStdString(row.key));
    o[QStringLiteral("stopped_strategies")] = stopped;
    o[QStringLiteral("broker_error_streak")] = s.brokerErrorStreak;

    // The engine's reconciliation: the last run, the differences with their status.
    const ReconciliationView &v = *s.reconciliation;
    QJsonObject recon;
    if (v.ran()) {
        QJsonObject last;
        last[QStringLiteral("clock")] = QString::fromStdString(v.last().clock);
        last[QStringLiteral("started_by")] = QString::fromStdString(v.last().startedBy);
        last[QStringLiteral("actor")] = QString::fromStdString(v.last().actor);
        last[QStringLiteral("complete")] = v.last().complete;
        last[QStringLiteral("summary")] = QString::fromStdString(v.last().summary);
        last[QStringLiteral("differences")] = v.last().differences;
        if (v.last().wallMs > 0)
            last[QStringLiteral("wall_at")] =
                QDateTime::fromMSecsSinceEpoch(v.last().wallMs, Qt::UTC).toString(Qt::ISODate);
        recon[QStringLiteral("last_run")] = last;
    }
    recon[QStringLiteral("runs")] = static_cast<qint64>(v.runs.size());
    QJsonArray differences;
    for (const ReconciliationDifferenceRow &d : v.differences) {
        QJsonObject j;
        j[QStringLiteral("key")] = QString::fromStdString(d.key);
        j[QStringLiteral("status")] = text(toString(d.status));
        j[QStringLiteral("description")] = QString::fromStdString(d.description);
        if (!d.resolution.empty())
            j[QStringLiteral("resolution")] = QString::fromStdString(d.resolution);
        differences.append(j);
    }
    recon[QStringLiteral("differences")] = differences;
    QJsonArray blocked;
    for (const std::string &symbol : v.blockedSymbols)
        blocked.append(QString::fromStdString(symbol));
    recon[QStringLiteral("blocked_symbols")] = blocked;
    o[QStringLiteral("reconciliation")] = recon;
    QJsonArray unacknowledged; // critical alerts that still wait for a person
    for (const AlertRow &a : s.alerts) {
        if (a.severity != AlertSeverity::Critical || a.acknowledged())
            continue;
        QJsonObject j;
        j[QStringLiteral("id")] = static_cast<qint64>(a.id);
        j[QStringLiteral("level")] = alertLevel(a.severity);
        j[QStringLiteral("clock")] = QString::fromStdString(a.clock);
        j[QStringLiteral("source")] = QString::fromStdString(a.source);
        j[QStringLiteral("message")] = QString::fromStdString(a.message);
        j[QStringLiteral("count")] = static_cast<qint64>(a.count);
        unacknowledged.append(j);
    }
    o[QStringLiteral("unacknowledged_critical_alerts")] = unacknowledged;
    QJsonArray open;
    for (const IncidentRow &i : *s.incidents) {
        if (!i.open())
            continue;
        QJsonObject j;
        j[QStringLiteral("id")] = QString::number(i.id);
        j[QStringLiteral("level")] = alertLevel(i.severity);
        j[QStringLiteral("cause")] = text(toString(i.cause));
        j[QStringLiteral("opened")] = QString::fromStdString(i.openedClock);
        j[QStringLiteral("title")] = QString::fromStdString(i.title);
        j[QStringLiteral("holds_resume")] = i.holdsResume();
        open.append(j);
    }
    o[QStringLiteral("open_incidents")] = open;
    return o;
}

QString statusText(const Snapshot &s)
{
    QStringList lines;
    QString state = text(toString(s.tradingState));
    const QString since = clockOf(s, s.stateSince);
    if (!since.isEmpty())
        state += QStringLiteral(" since ") + since;
    if (!s.stateActor.empty())
        state += QStringLiteral(" by ") + QString::fromStdString(s.stateActor);
    if (!s.stateReason.empty())
        state += QStringLiteral(": ") + QString::fromStdString(s.stateReason);
    lines << QStringLiteral("state       ") + state;
    lines << QStringLiteral("session     %1 %2, %3 New York")
                 .arg(QString::fromStdString(s.sessionDate), phaseName(s.phase), QString::fromStdString(s.simClock));
    const PrintedPnl printed = printedPnl(s.startingEquity, s.equity, s.realizedPnl, s.unrealizedPnl, s.highWaterMark);
    lines << QStringLiteral("P&L         %1 (%2%), realized %3, unrealized %4, equity %5")
                 .arg(money(printed.total), percentOf(printed.total, printed.startingEquity), money(printed.realized),
                      money(printed.unrealized), money(printed.equity));
    lines << QStringLiteral("exposure    gross %1 (%2% of equity), net %3")
                 .arg(money(s.grossExposure), percentOf(s.grossExposure, s.equity), money(s.netExposure));
    lines << QStringLiteral("orders      %1 working").arg(s.workingOrders);
    for (const LimitUsage &l : s.limits)
        lines << QStringLiteral("limit       %1: %2 of %3 (%4 left)%5")
                     .arg(QString::fromStdString(l.name), QString::fromStdString(l.value),
                          QString::fromStdString(l.limit), QString::fromStdString(l.distance),
                          l.level == LimitUsage::Level::Ok ? QString()
                                                           : QStringLiteral("  ") + levelName(l.level).toUpper());
    if (s.flatten.phase != FlattenStatus::Phase::None)
        lines << QStringLiteral("flatten     %1: %2 (%3)")
                     .arg(QString::fromStdString(s.flatten.scope), flattenPhaseName(s.flatten.phase),
                          QString::fromStdString(s.flatten.detail));
    for (const StrategyRow &row : s.strategies)
        if (row.stopped)
            lines << QStringLiteral("stopped     %1 (vigil ctl enable %1 --reason ...)")
                         .arg(QString::fromStdString(row.key));
    // What still waits for a person: each critical alert nobody has acknowledged.
    for (const AlertRow &a : s.alerts)
        if (a.severity == AlertSeverity::Critical && !a.acknowledged())
            lines << QStringLiteral("alert       #%1 L3 critical at %2 from %3: %4%5 (vigil ctl ack %1 --reason ...)")
                         .arg(a.id)
                         .arg(QString::fromStdString(a.clock), QString::fromStdString(a.source),
                              QString::fromStdString(a.message),
                              a.count > 1 ? QStringLiteral(" (%1 times)").arg(a.count) : QString());
    // ... and each incident not yet signed off; a level-3 one holds a resume.
    for (const IncidentRow &i : *s.incidents)
        if (i.open())
            lines << QStringLiteral(
                         "incident    #%1 L%2 %3 opened %4: %5%6 (vigil ctl incident-sign-off %1 --reason ...)")
                         .arg(i.id)
                         .arg(alertLevel(i.severity))
                         .arg(text(toString(i.cause)), QString::fromStdString(i.openedClock),
                              QString::fromStdString(i.title),
                              i.holdsResume() ? QStringLiteral("; holds resume") : QString());
    return lines.join(QLatin1Char('\n'));
}

bool parseControlRequest(const QByteArray &line, ControlRequest &out, QString &error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (!doc.isObject()) {
        error = QStringLiteral("the request is not a JSON object: %1").arg(notAnObject(doc, parseError));
        return false;
    }
    const QJsonObject o = doc.object();
    const QString name = o.value(QStringLiteral("command")).toString();
    const std::optional<CommandKind> kind = commandKindFromText(name.toStdString());
    if (!kind) {
        error = QStringLiteral("unknown command '%1'").arg(name);
        return false;
    }
    CommandFields f;
    f.reason = o.value(QStringLiteral("reason")).toString().toStdString();
    f.acknowledgement = o.value(QStringLiteral("ack")).toString().toStdString();
    f.message = o.value(QStringLiteral("message")).toString().toStdString();
    f.target = o.value(QStringLiteral("target")).toString().toStdString();
    const double amount = o.value(QStringLiteral("amount")).toDouble(0);
    if (amount < 0 || amount > 3600) {
        error = QStringLiteral("amount %1 is not from 0 to 3600").arg(amount);
        return false;
    }
    f.amount = static_cast<int>(amount);
    const QString scope = o.value(QStringLiteral("scope")).toString(QStringLiteral("all"));
    if (scope == QLatin1String("all"))
        f.scope = FlattenScope::Kind::All;
    else if (scope == QLatin1String("strategy"))
        f.scope = FlattenScope::Kind::Strategy;
    else if (scope == QLatin1String("symbol"))
        f.scope = FlattenScope::Kind::Symbol;
    else {
        error = QStringLiteral("unknown scope '%1' (all, strategy or symbol)").arg(scope);
        return false;
    }
    // The text becomes a typed command here, at the edge: a bad value is refused by name.
    std::string bad;
    std::optional<Command> command = commandFromFields(*kind, std::move(f), bad);
    if (!command) {
        error = QString::fromStdString(bad);
        return false;
    }
    out.command = std::move(*command);
    const double wait = o.value(QStringLiteral("wait_ms")).toDouble(0);
    if (wait < 0 || wait > 3'600'000) {
        error = QStringLiteral("wait_ms %1 is not from 0 to 3600000").arg(wait);
        return false;
    }
    out.waitMs = static_cast<int>(wait);
    return true;
}

QByteArray encodeControlRequest(const Command &command, int waitMs)
{
    const CommandFields c = fieldsOf(command);
    QJsonObject o;
    o[QStringLiteral("command")] = text(toString(kindOf(command)));
    if (!c.reason.empty())
        o[QStringLiteral("reason")] = QString::fromStdString(c.reason);
    if (!c.acknowledgement.empty())
        o[QStringLiteral("ack")] = QString::fromStdString(c.acknowledgement);
    if (!c.message.empty())
        o[QStringLiteral("message")] = QString::fromStdString(c.message);
    if (!c.target.empty())
        o[QStringLiteral("target")] = QString::fromStdString(c.target);
    if (c.amount > 0)
        o[QStringLiteral("amount")] = c.amount;
    o[QStringLiteral("scope")] = c.scope == FlattenScope::Kind::All        ? QStringLiteral("all")
                                 : c.scope == FlattenScope::Kind::Strategy ? QStringLiteral("strategy")
                                                                           : QStringLiteral("symbol");
    if (waitMs > 0)
        o[QStringLiteral("wait_ms")] = waitMs;
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

ControlServer::ControlServer(Engine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    connect(&m_server, &QLocalServer::newConnection, this, &ControlServer::accept);
}

ControlServer::~ControlServer() = default;

QString ControlServer::listen(const QString &dataDir)
{
    QString error;
    const QString path = controlSocketPath(dataDir, &error);
    if (path.isEmpty())
        return error;
    removeDeadSockets(QFileInfo(path).absolutePath(), path);
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(path)) {
        // The instance lock is held, so a socket already there was left by a process that
        // died: it is ours to replace.
        QLocalServer::removeServer(path);
        if (!m_server.listen(path))
            return QStringLiteral("cannot listen on %1: %2").arg(path, m_server.errorString());
    }
    return {};
}

QString ControlServer::socketPath() const { return m_server.fullServerName(); }

void ControlServer::accept()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { read(socket); });
        QTimer::singleShot(kIdleClientMs, socket, [socket] {
            if (socket->property("vigil.request").isNull())
                socket->abort();
        });
    }
}

void ControlServer::read(QLocalSocket *socket)
{
    if (!socket->property("vigil.request").isNull())
        return; // one request per connection
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > kMaxRequestBytes) {
            socket->setProperty("vigil.request", true);
            CommandResult refused;
            refused.message = "the request is too long";
            answer(socket, refused, false);
        }
        return;
    }
    socket->setProperty("vigil.request", true);
    ControlRequest request;
    QString error;
    if (!parseControlRequest(socket->readLine(kMaxRequestBytes).trimmed(), request, error)) {
        CommandResult refused;
        refused.message = error.toStdString();
        refused.state = m_engine.tradingState();
        answer(socket, refused, false);
        return;
    }
    Origin &origin = originOf(request.command);
    origin.actor = peerActor(*socket).toStdString();
    const CommandKind kind = kindOf(request.command);
    if (kind == CommandKind::Reconcile) {
        // A request for a run: the reconciliation thread compares, the engine records.
        QPointer<QLocalSocket> guard(socket);
        m_engine.reconcile("on demand", origin.actor,
                           [this, guard](const ReconciliationResult &r, const CommandResult &recorded) {
                               QMetaObject::invokeMethod(
                                   this,
                                   [this, guard, r, recorded] {
                                       if (guard)
                                           answerReconciliation(guard, r, recorded,
                                                                QDateTime::currentMSecsSinceEpoch() + kAnswerWaitMs);
                                   },
                                   Qt::QueuedConnection);
                           });
        return;
    }
    if (const auto *checklist = std::get_if<cmd::RunChecklist>(&request.command)) {
        if (!m_checklists) {
            CommandResult refused;
            refused.message = "this instance does not run checklists";
            refused.state = m_engine.tradingState();
            answer(socket, refused, false);
            return;
        }
        QPointer<QLocalSocket> guard(socket);
        m_checklists->run(checklist->kind, "vigil check", origin.actor,
                          [this, guard](const ChecklistResult &result, const CommandResult &recorded) {
                              QMetaObject::invokeMethod(
                                  this,
                                  [this, guard, result, recorded] {
                                      if (guard)
                                          answerChecklist(guard, result, recorded,
                                                          QDateTime::currentMSecsSinceEpoch() + kAnswerWaitMs);
                                  },
                                  Qt::QueuedConnection);
                          });
        return;
    }
    const bool waitForFlatten = kind == CommandKind::Flatten && request.waitMs > 0;
    const bool withStatus = kind == CommandKind::Status;
    // A status waits for the first snapshot published after the engine answered it, so it
    // shows everything every earlier command did; a flatten may wait for "flat".
    // A drill waits for the venue to say what it did: "sent" would tell the operator nothing.
    const Wait wait = waitForFlatten               ? Wait::Flat
                      : withStatus                 ? Wait::Snapshot
                      : kind == CommandKind::Drill ? Wait::Drill
                                                   : Wait::None;
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + (waitForFlatten ? request.waitMs : kAnswerWaitMs);
    QPointer<QLocalSocket> guard(socket);
    // `done` runs on the engine thread (or here, when the session is over): the answer is
    // written back in this thread. The server outlives the engine's threads (see the header).
    m_engine.command(std::move(request.command), [this, guard, wait, deadline](const CommandResult &result) {
        QMetaObject::invokeMethod(
            this,
            [this, guard, result, wait, deadline] {
                if (guard)
                    finish(guard, result, wait, result.snapshotVersion, deadline);
            },
            Qt::QueuedConnection);
    });
}

void ControlServer::finish(QLocalSocket *socket, CommandResult result, Wait wait, std::uint64_t afterVersion,
                           qint64 deadlineMs)
{
    // A command is answered only once what it recorded is on disk: a pause the operator was
    // told about must survive a crash the next moment.
    const bool late = QDateTime::currentMSecsSinceEpoch() >= deadlineMs;
    if (result.journalSeq > m_engine.journalDurableSeq()) {
        if (!m_engine.journalFailure().empty()) {
            result.message += " (not recorded: the journal cannot be written)";
            result.journalSeq = 0;
        } else if (!late) {
            QPointer<QLocalSocket> guard(socket);
            QTimer::singleShot(kPollMs, this, [this, guard, result, wait, afterVersion, deadlineMs] {
                if (guard)
                    finish(guard, result, wait, afterVersion, deadlineMs);
            });
            return;
        } else {
            result.message += " (the journal has not confirmed it on disk yet)";
            result.journalSeq = 0;
        }
    }
    if (wait == Wait::None || !result.ok) {
        answer(socket, result, false);
        return;
    }
    if (wait == Wait::Drill) {
        const std::optional<DrillOutcome> outcome = m_engine.drillOutcome(result.drill);
        if (!outcome && !late && !m_engine.isFinished()) {
            QPointer<QLocalSocket> guard(socket);
            QTimer::singleShot(kPollMs, this, [this, guard, result, wait, afterVersion, deadlineMs] {
                if (guard)
                    finish(guard, result, wait, afterVersion, deadlineMs);
            });
            return;
        }
        // The request is recorded (alert, audit) either way; the answer says what came of it.
        // (The engine's message is "DRILL NAME [on TARGET] [(AMOUNT)] sent to the simulated venue".)
        const std::string drill = result.message.substr(0, result.message.find(" sent to "));
        result.ok = outcome && outcome->done;
        if (outcome)
            result.message = drill + (outcome->done ? ": " : " did nothing: ") + outcome->text;
        else
            result.message = drill + " was sent, but the simulated venue has not said what it did"
                             + (m_engine.isFinished() ? " before the session ended" : " yet");
        result.state = m_engine.tradingState();
        answer(socket, result, false);
        return;
    }
    const std::shared_ptr<const Snapshot> s = m_engine.snapshot();
    const bool fresh = s && s->version > afterVersion;
    const bool over = m_engine.isFinished();
    if (wait == Wait::Snapshot && (fresh || over || late)) {
        answer(socket, result, true); // at the end of the session the last snapshot is final
        return;
    }
    if (wait == Wait::Flat) {
        const FlattenStatus::Phase phase = fresh ? s->flatten.phase : FlattenStatus::Phase::None;
        if (phase == FlattenStatus::Phase::Flat || phase == FlattenStatus::Phase::Failed) {
            result.ok = phase == FlattenStatus::Phase::Flat;
            result.message = result.ok ? s->flatten.detail : "flatten failed: " + s->flatten.detail;
            result.state = s->tradingState;
            answer(socket, result, false);
            return;
        }
        if (over || late) {
            result.ok = false;
            result.message = std::string(over ? "the session ended before the broker confirmed flat"
                                              : "the broker has not confirmed flat yet; the flatten goes on")
                             + (s ? ": " + s->flatten.detail : std::string());
            result.state = m_engine.tradingState();
            answer(socket, result, false);
            return;
        }
    }
    QPointer<QLocalSocket> guard(socket);
    QTimer::singleShot(kPollMs, this, [this, guard, result, wait, afterVersion, deadlineMs] {
        if (guard)
            finish(guard, result, wait, afterVersion, deadlineMs);
    });
}

void ControlServer::answer(QLocalSocket *socket, const CommandResult &result, bool withStatus)
{
    QJsonObject o;
    o[QStringLiteral("ok")] = result.ok;
    o[QStringLiteral("message")] = QString::fromStdString(result.message);
    o[QStringLiteral("state")] = text(toString(result.state));
    if (withStatus) {
        if (const std::shared_ptr<const Snapshot> s = m_engine.snapshot()) {
            o[QStringLiteral("status")] = statusJson(*s);
            o[QStringLiteral("status_text")] = statusText(*s);
        }
    }
    socket->write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    socket->flush();
    socket->disconnectFromServer();
}

QJsonObject reconciliationJson(const ReconciliationResult &r)
{
    QJsonObject o;
    o[QStringLiteral("complete")] = r.complete();
    o[QStringLiteral("clean")] = r.clean();
    o[QStringLiteral("summary")] = QString::fromStdString(summarize(r));
    if (!r.complete())
        o[QStringLiteral("incomplete_reason")] = QString::fromStdString(r.incompleteReason);
    o[QStringLiteral("positions_checked")] = r.positionsChecked;
    o[QStringLiteral("orders_checked")] = r.ordersChecked;
    QJsonArray differences;
    for (const Difference &d : r.differences) {
        QJsonObject j;
        j[QStringLiteral("key")] = QString::fromStdString(d.key());
        j[QStringLiteral("kind")] = text(codeOf(d.kind));
        j[QStringLiteral("symbol")] = QString::fromStdString(d.symbol);
        if (!d.clientOrderId.empty())
            j[QStringLiteral("client_order_id")] = QString::fromStdString(d.clientOrderId);
        j[QStringLiteral("internal_qty")] = static_cast<qint64>(d.internalQty);
        j[QStringLiteral("broker_qty")] = static_cast<qint64>(d.brokerQty);
        if (isPositionKind(d.kind)) {
            j[QStringLiteral("internal_avg")] = QString::fromStdString(d.internalAvg.toString());
            j[QStringLiteral("broker_avg")] = QString::fromStdString(d.brokerAvg.toString());
        }
        if (d.kind == DifferenceKind::CashDiffers) {
            j[QStringLiteral("internal_cash")] = money(d.internalCash);
            j[QStringLiteral("broker_cash")] = money(d.brokerCash);
        }
        QJsonArray choices;
        for (const Resolution c : resolutionsFor(d.kind))
            choices.append(text(toString(c)));
        j[QStringLiteral("resolutions")] = choices;
        j[QStringLiteral("description")] = QString::fromStdString(d.describe());
        differences.append(j);
    }
    o[QStringLiteral("differences")] = differences;
    return o;
}

void ControlServer::answerReconciliation(QLocalSocket *socket, const ReconciliationResult &r,
                                         const CommandResult &recorded, qint64 deadlineMs)
{
    // The blocked symbols are the engine's, once a snapshot shows what the run did.
    const std::shared_ptr<const Snapshot> shown = m_engine.snapshot();
    if (recorded.ok && recorded.snapshotVersion > 0 && (!shown || shown->version <= recorded.snapshotVersion)
        && !m_engine.isFinished() && QDateTime::currentMSecsSinceEpoch() < deadlineMs) {
        QPointer<QLocalSocket> guard(socket);
        QTimer::singleShot(kPollMs, this, [this, guard, r, recorded, deadlineMs] {
            if (guard)
                answerReconciliation(guard, r, recorded, deadlineMs);
        });
        return;
    }
    QJsonObject o;
    o[QStringLiteral("ok")] = r.complete() && recorded.ok;
    o[QStringLiteral("message")] = QString::fromStdString(summarize(r));
    o[QStringLiteral("recorded")] = QString::fromStdString(
        recorded.ok && recorded.journalSeq > 0 ? std::string("journaled and audited") : recorded.message);
    o[QStringLiteral("state")] = text(toString(m_engine.tradingState()));
    o[QStringLiteral("reconciliation")] = reconciliationJson(r);
    if (const std::shared_ptr<const Snapshot> s = m_engine.snapshot()) {
        QJsonArray blocked;
        for (const std::string &symbol : s->reconciliation->blockedSymbols)
            blocked.append(QString::fromStdString(symbol));
        o[QStringLiteral("blocked_symbols")] = blocked;
    }
    socket->write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    socket->flush();
    socket->disconnectFromServer();
}

void ControlServer::answerChecklist(QLocalSocket *socket, const ChecklistResult &result, const CommandResult &recorded,
                                    qint64 deadlineMs)
{
    // Answered once the run is on disk: a checklist the operator was shown is in the journal.
    if (recorded.ok && recorded.journalSeq > m_engine.journalDurableSeq() && m_engine.journalFailure().empty()
        && QDateTime::currentMSecsSinceEpoch() < deadlineMs) {
        QPointer<QLocalSocket> guard(socket);
        QTimer::singleShot(kPollMs, this, [this, guard, result, recorded, deadlineMs] {
            if (guard)
                answerChecklist(guard, result, recorded, deadlineMs);
        });
        return;
    }
    QJsonObject o;
    o[QStringLiteral("ok")] = recorded.ok;
    o[QStringLiteral("message")] = QString::fromStdString(recorded.message);
    o[QStringLiteral("recorded")] = QString::fromStdString(
        recorded.ok && recorded.journalSeq > 0 ? std::string("journaled and audited") : recorded.message);
    o[QStringLiteral("state")] = text(toString(m_engine.tradingState()));
    o[QStringLiteral("checklist")] = checklistToJson(result);
    socket->write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    socket->flush();
    socket->disconnectFromServer();
}

ControlReply sendControlRequest(const QString &dataDir, const QByteArray &request, int timeoutMs)
{
    ControlReply reply;
    QString error;
    const QString path = controlSocketPath(dataDir, &error);
    if (path.isEmpty()) {
        reply.error = error;
        return reply;
    }
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected(3000)) {
        // Qt's own words for a socket file that is not there are "connectToServer: Invalid
        // name", which names nothing wrong: the usual cases are said plainly.
        const QString why = socket.error() == QLocalSocket::ServerNotFoundError
                                ? QStringLiteral("there is no socket %1").arg(path)
                            : socket.error() == QLocalSocket::ConnectionRefusedError
                                ? QStringLiteral("nothing listens on %1 any more").arg(path)
                                : QStringLiteral("nothing answers on %1: %2").arg(path, socket.errorString());
        reply.error = QStringLiteral("no vigil is running on the data directory '%1' (%2)").arg(dataDir, why);
        return reply;
    }
    reply.reached = true;
    socket.write(request);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + timeoutMs;
    while (!socket.canReadLine()) {
        const qint64 left = deadline - QDateTime::currentMSecsSinceEpoch();
        if (left <= 0) {
            reply.error = QStringLiteral("no answer from the running vigil within %1 s").arg(timeoutMs / 1000);
            return reply;
        }
        if (!socket.waitForReadyRead(static_cast<int>(left)) && socket.state() != QLocalSocket::ConnectedState
            && !socket.canReadLine()) {
            reply.error = QStringLiteral("the running vigil closed the connection without an answer (%1)")
                              .arg(socket.errorString());
            return reply;
        }
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(socket.readLine(), &parseError);
    if (!doc.isObject()) {
        reply.error =
            QStringLiteral("the running vigil's answer is not a JSON object: %1").arg(notAnObject(doc, parseError));
        return reply;
    }
    reply.reply = doc.object();
    return reply;
}

} // namespace vigil
