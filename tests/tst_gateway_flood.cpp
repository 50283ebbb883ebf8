// Bad input against the whole thing at once: a real headless vigil trading a simulated day,
// its gateway on a free loopback port, and Qt's own HTTP, TCP and WebSocket clients doing
// what careless or hostile bots do. A bot floods orders over several connections: every
// answer is an order or Alpaca's 429, no more orders pass than its budget, `vigil ctl status`
// answers meanwhile, and the journal holds exactly the accepted orders under its name.
// Hundreds of idle and half-sent connections: a fresh request still gets its answer, those
// beyond max_connections are closed, the stalled ones are closed at the request timeout, the
// engine trades on and the gateway serves normally after; stream connections that never log
// in are closed at the stream's auth timeout. Malformed JSON, wrong types, unknown fields,
// oversized bodies and headers, a garbage request line: Alpaca's error answers as the
// gateway gives them; a bad, unknown, missing or revoked key gets one and the same 401 (and
// the same stream refusal), so a caller never learns whether a bot exists.
// Then vigil still runs, answers `vigil ctl status` and stops cleanly on SIGTERM.
#include "GatewayRig.h"
#include "SqlFiles.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <vector>

using vigil::testing::GatewayRig;
using vigil::testing::rows;

namespace {

constexpr int kBudget = 120;         ///< the flooder's requests_per_minute
constexpr int kFlood = 1000;         ///< orders it fires
constexpr int kFloodManagers = 4;    ///< QNetworkAccessManagers: up to 6 connections each
constexpr int kMaxConnections = 320; ///< [gateway] max_connections
constexpr int kRequestTimeoutMs = 10'000;
constexpr int kIdle = 280;            ///< connections that never send a byte
constexpr int kLoris = 30;            ///< connections that send half a request and stall
constexpr int kHogRequests = 2000;    ///< pipelined by the one that never reads
constexpr int kExtra = 20;            ///< more, beyond max_connections
constexpr int kSilentStreams = 40;    ///< trade_updates connections that never log in
constexpr int kMaxBodyBytes = 65'536; ///< [gateway] max_body_bytes

const QString kFlooder = QStringLiteral("flooder");
const QString kSteady = QStringLiteral("steady");
const QString kGone = QStringLiteral("gone");

struct Answer {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString text() const { return QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(body.left(400))); }
    /// The headers but X-Request-ID (a counter), in the order they came.
    QList<QNetworkReply::RawHeaderPair> comparableHeaders() const
    {
        QList<QNetworkReply::RawHeaderPair> out;
        for (const auto &h : headers)
            if (h.first.compare("x-request-id", Qt::CaseInsensitive) != 0)
                out << h;
        return out;
    }
};

QNetworkRequest request(const QString &url, const QString &keyId, const QString &secret)
{
    QNetworkRequest r{QUrl(url)};
    if (!keyId.isNull())
        r.setRawHeader("APCA-API-KEY-ID", keyId.toUtf8());
    if (!secret.isNull())
        r.setRawHeader("APCA-API-SECRET-KEY", secret.toUtf8());
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    r.setTransferTimeout(30'000);
    return r;
}

Answer answerOf(QNetworkReply *reply)
{
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.headers = reply->rawHeaderPairs();
    a.error = reply->error();
    return a;
}

/// An order's body as a bot sends it.
QByteArray orderBody(const QString &symbol, const QString &clientOrderId, const QJsonObject &more = {})
{
    QJsonObject o{{QStringLiteral("symbol"), symbol},
                  {QStringLiteral("qty"), QStringLiteral("1")},
                  {QStringLiteral("side"), QStringLiteral("buy")},
                  {QStringLiteral("type"), QStringLiteral("market")},
                  {QStringLiteral("time_in_force"), QStringLiteral("day")},
                  {QStringLiteral("client_order_id"), clientOrderId}};
    for (auto it = more.begin(); it != more.end(); ++it)
        o[it.key()] = it.value();
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Alpaca's error body: {"code": <number>, "message": <text>} and nothing else.
bool isAlpacaError(const QJsonObject &o, int code)
{
    return o.size() == 2 && o.value(QLatin1String("code")).toInt() == code
           && o.value(QLatin1String("message")).isString() && !o.value(QLatin1String("message")).toString().isEmpty();
}

} // namespace

class TestGatewayFlood : public QObject {
    Q_OBJECT

    GatewayRig m_rig;
    QString m_steadyKey, m_steadySecret, m_goneKey, m_goneSecret;
    QSet<QString> m_accepted;     ///< the flooder's client_order_ids answered 200
    QString m_unknownFieldsOrder; ///< the steady bot's order sent with fields no Alpaca request has
    bool m_vigilUp = false;

    Answer call(const QByteArray &method, const QString &path, const QByteArray &body = {}, const QString &keyId = {},
                const QString &secret = {}, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkAccessManager net;
        QNetworkRequest r = request(m_rig.baseUrl() + path, keyId, secret);
        for (const auto &[name, value] : headers)
            r.setRawHeader(name, value);
        QNetworkReply *reply = net.sendCustomRequest(r, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const Answer a = answerOf(reply);
        delete reply;
        return a;
    }
    Answer steady(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return call(method, path, body, m_steadyKey, m_steadySecret);
    }

    /// `vigil ctl status --json`, to its end: its JSON, or an empty object (and a warning).
    QJsonObject status()
    {
        const GatewayRig::Run r =
            m_rig.vigil({QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("vigil ctl status --json: exit %d: %s", r.exitCode, qPrintable(r.err));
        return r.exitCode == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).object() : QJsonObject();
    }

    /// Raw bytes to the gateway on a connection of their own; what came back until the server
    /// closed it (closed: false if it had not within 20 s).
    std::pair<QByteArray, bool> raw(const QByteArray &bytes)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_rig.port);
        if (!socket.waitForConnected(10'000))
            return {{}, false};
        socket.write(bytes);
        QByteArray got;
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 20'000) {
            socket.waitForReadyRead(200);
            got += socket.readAll();
        }
        got += socket.readAll();
        return {got, socket.state() != QAbstractSocket::ConnectedState};
    }

    /// The trade_updates stream's answers to `messages` sent one after the other on one
    /// connection, each sent once the one before it was answered (an empty answer: none
    /// within 20 s).
    QStringList stream(const QList<QByteArray> &messages)
    {
        QWebSocket ws;
        QStringList answers;
        const auto next = [&] {
            if (answers.size() < messages.size())
                ws.sendTextMessage(QString::fromUtf8(messages[answers.size()]));
        };
        connect(&ws, &QWebSocket::textMessageReceived, this, [&](const QString &m) {
            answers << m;
            next();
        });
        connect(&ws, &QWebSocket::binaryMessageReceived, this, [&](const QByteArray &m) {
            answers << QString::fromUtf8(m);
            next();
        });
        connect(&ws, &QWebSocket::connected, this, next);
        ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/stream").arg(m_rig.port)));
        if (!QTest::qWaitFor([&] { return answers.size() == messages.size(); }, 20'000))
            qWarning("the stream answered %lld of %lld messages within 20 s", static_cast<long long>(answers.size()),
                     static_cast<long long>(messages.size()));
        ws.close();
        while (answers.size() < messages.size())
            answers << QString();
        return answers;
    }

    static QByteArray authenticate(const QString &keyId, const QString &secret)
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("action"), QStringLiteral("authenticate")},
                                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("key_id"), keyId},
                                                                              {QStringLiteral("secret_key"), secret}}}})
            .toJson(QJsonDocument::Compact);
    }

    /// The trade_updates stream's answer to an authentication with this key pair.
    QString streamLogin(const QString &keyId, const QString &secret)
    {
        return stream({authenticate(keyId, secret)}).constFirst();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString prepared =
            m_rig.prepare(kFlooder, QStringLiteral("fl"),
                          QStringLiteral("max_connections = %1\nrequest_timeout_ms = %2\nmax_body_bytes = %3\n")
                              .arg(kMaxConnections)
                              .arg(kRequestTimeoutMs)
                              .arg(kMaxBodyBytes),
                          // The flooder's budget is small; the steady bot's is out of reach, for the other
                          // scenarios. The engine's own checks are wide, so that every order the gateway lets
                          // through is the venue's: what this test judges is the gateway's limit.
                          QStringLiteral("requests_per_minute = %1\n"
                                         "\n"
                                         "[[bots]]\n"
                                         "name = \"%2\"\n"
                                         "code = \"sd\"\n"
                                         "requests_per_minute = 100000\n"
                                         "\n"
                                         "[[bots]]\n"
                                         "name = \"%3\"\n"
                                         "code = \"gn\"\n"
                                         "\n"
                                         "[risk]\n"
                                         "max_open_orders = 5000\n"
                                         "max_orders_per_second = 10000\n"
                                         "duplicate_window_ms = 0\n"
                                         "throttle_fills = 1000000\n")
                              .arg(kBudget)
                              .arg(kSteady, kGone));
        QVERIFY2(prepared.isEmpty(), qPrintable(prepared));
        QString added = m_rig.addKey(kSteady, &m_steadyKey, &m_steadySecret);
        QVERIFY2(added.isEmpty(), qPrintable(added));
        added = m_rig.addKey(kGone, &m_goneKey, &m_goneSecret);
        QVERIFY2(added.isEmpty(), qPrintable(added));

        const QString started = m_rig.start(QStringLiteral("60"));
        QVERIFY2(started.isEmpty(), qPrintable(started));
        m_vigilUp = true;
        // Market orders need the session open (the steady bot asks: the flooder's budget is
        // for the flood).
        QJsonObject clock;
        for (int i = 0; i < 240 && !clock.value(QLatin1String("is_open")).toBool(); ++i) {
            QTest::qWait(i == 0 ? 0 : 250);
            clock = steady("GET", QStringLiteral("/v2/clock")).json();
        }
        QVERIFY2(clock.value(QLatin1String("is_open")).toBool(),
                 qPrintable(QStringLiteral("the simulated session did not open within 60 s: %1\n%2")
                                .arg(QString::fromUtf8(QJsonDocument(clock).toJson()),
                                     m_rig.tail(QStringLiteral("vigil.err")))));
    }

    void floodOfOrdersIsRateLimited()
    {
        QVERIFY(m_vigilUp);
        const QStringList symbols{QStringLiteral("AAPL"), QStringLiteral("MSFT")};
        // (What the replies' and the process's handlers touch is declared before them: it
        // outlives them whatever way this function ends.)
        QHash<QString, Answer> answers; // by client_order_id
        int done = 0;
        QElapsedTimer clock;
        qint64 floodEnded = -1;
        qint64 ctlStarted = -1, ctlEnded = -1;
        int ctlAnsweredDuringFlood = -1;
        std::vector<std::unique_ptr<QNetworkAccessManager>> nets;
        for (int i = 0; i < kFloodManagers; ++i)
            nets.push_back(std::make_unique<QNetworkAccessManager>());
        clock.start();
        for (int i = 0; i < kFlood; ++i) {
            const QString id = QStringLiteral("flood-%1").arg(i);
            QNetworkReply *reply = nets[static_cast<std::size_t>(i % kFloodManagers)]->post(
                request(m_rig.baseUrl() + QStringLiteral("/v2/orders"), m_rig.keyId, m_rig.secret),
                orderBody(symbols[i % symbols.size()], id));
            connect(reply, &QNetworkReply::finished, this, [&, reply, id] {
                answers.insert(id, answerOf(reply));
                reply->deleteLater();
                if (++done == kFlood)
                    floodEnded = clock.elapsed();
            });
        }

        // The operator asks while the flood runs.
        QProcess ctl;
        ctl.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        ctl.setArguments({QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--json"),
                          QStringLiteral("--config"), m_rig.configFile, QStringLiteral("--data-dir"), m_rig.dataDir});
        ctl.setProcessEnvironment(m_rig.environment());
        connect(&ctl, &QProcess::finished, this, [&] {
            ctlEnded = clock.elapsed();
            ctlAnsweredDuringFlood = done < kFlood ? 1 : 0;
        });
        ctlStarted = clock.elapsed();
        ctl.start();

        QVERIFY2(QTest::qWaitFor([&] { return done == kFlood && ctlEnded >= 0; }, 90'000),
                 qPrintable(QStringLiteral("%1 of %2 answers, vigil ctl status %3 after 90 s")
                                .arg(done)
                                .arg(kFlood)
                                .arg(ctlEnded >= 0 ? QStringLiteral("done") : QStringLiteral("still running"))));
        qInfo("flood: %d orders answered in %lld ms; vigil ctl status took %lld ms and ended %s the flood", kFlood,
              floodEnded, ctlEnded - ctlStarted, ctlAnsweredDuringFlood == 1 ? "during" : "after");
        QCOMPARE(ctl.exitStatus(), QProcess::NormalExit);
        QVERIFY2(ctl.exitCode() == 0, ctl.readAllStandardError().constData());
        const QJsonObject during = QJsonDocument::fromJson(ctl.readAllStandardOutput()).object();
        QVERIFY2(!during.value(QLatin1String("state")).toString().isEmpty(), "vigil ctl status printed no state");

        int accepted = 0, limited = 0;
        for (auto it = answers.cbegin(); it != answers.cend(); ++it) {
            const Answer &a = it.value();
            const QJsonObject o = a.json();
            if (a.status == 200) {
                ++accepted;
                QVERIFY2(o.value(QLatin1String("client_order_id")).toString() == it.key()
                             && !o.value(QLatin1String("id")).toString().isEmpty()
                             && o.value(QLatin1String("symbol")).isString(),
                         qPrintable(it.key() + QStringLiteral(": not an order: ") + a.text()));
                m_accepted.insert(it.key());
            } else if (a.status == 429) {
                ++limited;
                QVERIFY2(isAlpacaError(o, 42910000), qPrintable(it.key() + QStringLiteral(": ") + a.text()));
            } else {
                QFAIL(qPrintable(it.key() + QStringLiteral(": neither an order nor 429: ") + a.text()
                                 + QStringLiteral(" (network error %1)").arg(a.error)));
            }
        }
        qInfo("flood: %d accepted, %d answered 429", accepted, limited);
        QCOMPARE(accepted + limited, kFlood);
        // At most the budget in any minute; while the flood lasts less than one, exactly the
        // budget: the limit refuses the excess, not what the bot is owed.
        QVERIFY2(
            accepted <= kBudget * (1 + static_cast<int>(floodEnded / 60'000)),
            qPrintable(QStringLiteral("%1 orders accepted, the budget is %2 a minute").arg(accepted).arg(kBudget)));
        if (floodEnded < 60'000)
            QCOMPARE(accepted, kBudget);
        QVERIFY(limited > 0);
    }

    void hundredsOfConnections()
    {
        QVERIFY(m_vigilUp);
        const QString clockBefore = status().value(QLatin1String("clock")).toString();
        QVERIFY2(!clockBefore.isEmpty(), "vigil ctl status --json shows no clock");

        auto open = [this](int count, std::vector<std::unique_ptr<QTcpSocket>> &into) {
            for (int i = 0; i < count; ++i) {
                into.push_back(std::make_unique<QTcpSocket>());
                into.back()->connectToHost(QHostAddress::LocalHost, m_rig.port);
            }
        };
        auto countIn = [](const std::vector<std::unique_ptr<QTcpSocket>> &sockets, QAbstractSocket::SocketState state) {
            return static_cast<int>(
                std::count_if(sockets.begin(), sockets.end(), [state](const auto &s) { return s->state() == state; }));
        };
        std::vector<std::unique_ptr<QTcpSocket>> idle, loris, extra;
        open(kIdle, idle);
        open(kLoris, loris);
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return countIn(idle, QAbstractSocket::ConnectedState) == kIdle
                                && countIn(loris, QAbstractSocket::ConnectedState) == kLoris;
                     },
                     20'000),
                 "the idle and half-sent connections did not all connect");
        // Half of the slow ones stall in the headers, half in the body.
        const QByteArray inHeaders = "GET /v2/account HTTP/1.1\r\nHost: 127.0.0.1\r\nAPCA-API-KEY-ID: ";
        const QByteArray inBody = "POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAPCA-API-KEY-ID: "
                                  + m_steadyKey.toUtf8() + "\r\nAPCA-API-SECRET-KEY: " + m_steadySecret.toUtf8()
                                  + "\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"symbol\":";
        for (int i = 0; i < kLoris; ++i) {
            loris[static_cast<std::size_t>(i)]->write(i % 2 == 0 ? inHeaders : inBody);
            loris[static_cast<std::size_t>(i)]->flush();
        }
        // And one that asks for the universe again and again and never reads the answers
        // (Qt's buffer kept small, so that the answers back up into the gateway).
        QTcpSocket hog;
        hog.setReadBufferSize(1024);
        hog.connectToHost(QHostAddress::LocalHost, m_rig.port);
        QVERIFY2(hog.waitForConnected(20'000), qPrintable(hog.errorString()));
        const QByteArray assets =
            "GET /v2/assets HTTP/1.1\r\nHost: 127.0.0.1\r\nAPCA-API-KEY-ID: " + m_steadyKey.toUtf8()
            + "\r\nAPCA-API-SECRET-KEY: " + m_steadySecret.toUtf8() + "\r\n\r\n";
        hog.write(assets.repeated(kHogRequests));

        // A well-formed request on a fresh connection, queued behind all of them: its answer
        // means the gateway took every one before it and still serves.
        const Answer fresh =
            call("GET", QStringLiteral("/v2/account"), {}, m_steadyKey, m_steadySecret, {{"Connection", "close"}});
        QVERIFY2(fresh.status == 200 && fresh.json().contains(QLatin1String("buying_power")),
                 qPrintable(QStringLiteral("GET /v2/account beside %1 stalled connections: %2")
                                .arg(kIdle + kLoris + 1)
                                .arg(fresh.text())));

        // Beyond max_connections a connection is closed at once (long before the request timeout).
        open(kExtra, extra);
        const int beyond = kIdle + kLoris + 1 + kExtra - kMaxConnections;
        const bool closedBeyond = QTest::qWaitFor(
            [&] { return countIn(extra, QAbstractSocket::UnconnectedState) >= beyond; }, kRequestTimeoutMs / 2);
        const int held = countIn(idle, QAbstractSocket::ConnectedState)
                         + countIn(loris, QAbstractSocket::ConnectedState)
                         + countIn(extra, QAbstractSocket::ConnectedState) + 1; // and the one that does not read
        qInfo("connections: %d held open by the gateway of %d, %d of the %d beyond its limit closed", held,
              kIdle + kLoris + 1 + kExtra, countIn(extra, QAbstractSocket::UnconnectedState), kExtra);
        QVERIFY2(closedBeyond, qPrintable(QStringLiteral("%1 of the %2 connections beyond max_connections = %3 closed")
                                              .arg(countIn(extra, QAbstractSocket::UnconnectedState))
                                              .arg(beyond)
                                              .arg(kMaxConnections)));
        QVERIFY2(
            held <= kMaxConnections,
            qPrintable(QStringLiteral("%1 connections open, max_connections is %2").arg(held).arg(kMaxConnections)));
        // A request now: answered, or its connection closed; never left hanging.
        const Answer full =
            call("GET", QStringLiteral("/v2/account"), {}, m_steadyKey, m_steadySecret, {{"Connection", "close"}});
        QVERIFY2(full.status == 200 || (full.status == 0 && full.error == QNetworkReply::RemoteHostClosedError),
                 qPrintable(QStringLiteral("a request with the gateway full: %1 (network error %2)")
                                .arg(full.text())
                                .arg(full.error)));

        // The engine trades on meanwhile: its clock moves and the operator is answered.
        const QJsonObject meanwhile = status();
        QVERIFY2(meanwhile.value(QLatin1String("clock")).toString() > clockBefore,
                 qPrintable(QStringLiteral("the engine's clock stood at %1 (before: %2)")
                                .arg(meanwhile.value(QLatin1String("clock")).toString(), clockBefore)));

        // The stalled ones are closed by the gateway at its request timeout, with no answer.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return countIn(idle, QAbstractSocket::ConnectedState) == 0
                                && countIn(loris, QAbstractSocket::ConnectedState) == 0
                                && countIn(extra, QAbstractSocket::ConnectedState) == 0;
                     },
                     kRequestTimeoutMs + 30'000),
                 qPrintable(QStringLiteral("%1 idle and %2 half-sent connections still open %3 ms after the request "
                                           "timeout")
                                .arg(countIn(idle, QAbstractSocket::ConnectedState))
                                .arg(countIn(loris, QAbstractSocket::ConnectedState))
                                .arg(30'000)));
        for (const auto &s : loris)
            QVERIFY2(s->readAll().isEmpty(), "a half-sent request got an answer");
        // The one that never read is closed too (a closed connection goes unseen while Qt
        // leaves its bytes in the kernel: it reads them now, as a bot that wakes up would).
        QTest::qWait(kRequestTimeoutMs / 2);
        hog.setReadBufferSize(0);
        QByteArray hogGot;
        const bool hogClosed = QTest::qWaitFor(
            [&] {
                hogGot += hog.readAll();
                return hog.state() != QAbstractSocket::ConnectedState;
            },
            2 * kRequestTimeoutMs + 30'000);
        hogGot += hog.readAll();
        qInfo("the connection that did not read got %lld answers of %d before it was closed",
              static_cast<long long>(hogGot.count("HTTP/1.1 200 OK")), kHogRequests);
        QVERIFY2(hogClosed, "the connection that did not read its answers is still open");

        // The peers gone, the gateway serves a crowd again: 50 fresh connections at once.
        constexpr int kCrowd = 50;
        int ok = 0, answered = 0;
        const bool served = QTest::qWaitFor(
            [&] {
                ok = 0;
                answered = 0;
                std::vector<std::unique_ptr<QNetworkAccessManager>> nets;
                for (int i = 0; i < kCrowd; ++i) {
                    nets.push_back(std::make_unique<QNetworkAccessManager>());
                    QNetworkReply *reply = nets.back()->get(
                        request(m_rig.baseUrl() + QStringLiteral("/v2/clock"), m_steadyKey, m_steadySecret));
                    connect(reply, &QNetworkReply::finished, this, [&, reply] {
                        ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
                        ++answered;
                        reply->deleteLater();
                    });
                }
                if (!QTest::qWaitFor([&] { return answered == kCrowd; }, 30'000))
                    return false;
                return ok == kCrowd;
            },
            30'000);
        QVERIFY2(
            served,
            qPrintable(
                QStringLiteral("%1 of %2 fresh connections answered 200 after the peers left").arg(ok).arg(kCrowd)));
        const QJsonObject after = status();
        QVERIFY2(after.value(QLatin1String("clock")).toString() > meanwhile.value(QLatin1String("clock")).toString(),
                 "the engine's clock stood still after the connections");

        // WebSockets on the trade_updates stream that never log in hold no place for long:
        // told "auth timeout" and closed (Qt's client answers the gateway's pings, so only
        // the stream's own deadline can end them).
        std::vector<std::unique_ptr<QWebSocket>> silent;
        QStringList told;
        for (int i = 0; i < kSilentStreams; ++i) {
            silent.push_back(std::make_unique<QWebSocket>());
            connect(silent.back().get(), &QWebSocket::binaryMessageReceived, this,
                    [&told](const QByteArray &m) { told << QString::fromUtf8(m); });
            silent.back()->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/stream").arg(m_rig.port)));
        }
        const auto openStreams = [&] {
            return static_cast<int>(std::count_if(silent.begin(), silent.end(), [](const auto &w) {
                return w->state() == QAbstractSocket::ConnectedState;
            }));
        };
        QVERIFY2(
            QTest::qWaitFor([&] { return openStreams() == kSilentStreams; }, 20'000),
            qPrintable(QStringLiteral("%1 of %2 stream connections opened").arg(openStreams()).arg(kSilentStreams)));
        const Answer beside = steady("GET", QStringLiteral("/v2/clock"));
        QVERIFY2(beside.status == 200, qPrintable(beside.text()));
        QVERIFY2(
            QTest::qWaitFor([&] { return openStreams() == 0; }, 40'000),
            qPrintable(
                QStringLiteral("%1 stream connections that never logged in still open after 40 s").arg(openStreams())));
        QCOMPARE(told.size(), kSilentStreams);
        for (const QString &m : told)
            QCOMPARE(QJsonDocument::fromJson(m.toUtf8()).object(),
                     QJsonObject({{QStringLiteral("stream"), QStringLiteral("error")},
                                  {QStringLiteral("data"),
                                   QJsonObject{{QStringLiteral("error"), QStringLiteral("auth timeout")}}}}));
    }

    void malformedRequestsGetAlpacasAnswers()
    {
        QVERIFY(m_vigilUp);
        const QString orders = QStringLiteral("/v2/orders");

        // Not JSON, or not an object: 400, 40010000.
        for (const QByteArray &body : {QByteArray("{\"symbol\": \"AAPL\", \"qty\": "), QByteArray("[1, 2, 3]"),
                                       QByteArray("not json at all"), QByteArray()}) {
            const Answer a = steady("POST", orders, body);
            QVERIFY2(a.status == 400 && isAlpacaError(a.json(), 40010000)
                         && a.json()
                                .value(QLatin1String("message"))
                                .toString()
                                .startsWith(QLatin1String("request body format is invalid")),
                     qPrintable(QString::fromUtf8(body) + QStringLiteral(" -> ") + a.text()));
        }

        // Wrong types and values: 422, 40010001, naming the field.
        const QList<std::pair<QJsonObject, QString>> wrong{
            {{{QStringLiteral("qty"), true}}, QStringLiteral("qty must be a decimal string")},
            {{{QStringLiteral("qty"), QStringLiteral("1.5")}}, QStringLiteral("qty 1.5 has a fraction")},
            {{{QStringLiteral("qty"), QStringLiteral("-3")}}, QStringLiteral("qty \"-3\" is not a number")},
            {{{QStringLiteral("side"), 5}}, QStringLiteral("side must be a string")},
            {{{QStringLiteral("side"), QStringLiteral("hold")}}, QStringLiteral("side hold is invalid")},
            {{{QStringLiteral("symbol"), QJsonArray{1}}}, QStringLiteral("symbol must be a string")},
            {{{QStringLiteral("extended_hours"), QStringLiteral("yes")}},
             QStringLiteral("extended_hours must be a boolean")},
            {{{QStringLiteral("type"), QStringLiteral("limit")},
              {QStringLiteral("limit_price"), QStringLiteral("abc")}},
             QStringLiteral("limit_price \"abc\" is not a price")},
            {{{QStringLiteral("time_in_force"), QStringLiteral("fok")}},
             QStringLiteral("time_in_force fok is not supported")},
        };
        for (const auto &[fields, message] : wrong) {
            const Answer a = steady("POST", orders, orderBody(QStringLiteral("AAPL"), QString(), fields));
            QVERIFY2(a.status == 422 && isAlpacaError(a.json(), 40010001)
                         && a.json().value(QLatin1String("message")).toString().startsWith(message),
                     qPrintable(message + QStringLiteral(" -> ") + a.text()));
        }
        // Wrong types in a query: 422 too.
        const Answer badLimit = steady("GET", QStringLiteral("/v2/orders?limit=lots"));
        QVERIFY2(badLimit.status == 422 && isAlpacaError(badLimit.json(), 40010001), qPrintable(badLimit.text()));

        // Fields no Alpaca request has are ignored, as Alpaca's server ignores them: an order.
        m_unknownFieldsOrder = QStringLiteral("unknown-fields-1");
        const Answer unknown = steady(
            "POST", orders,
            orderBody(QStringLiteral("MSFT"), m_unknownFieldsOrder,
                      {{QStringLiteral("no_such_field"), QJsonObject{{QStringLiteral("nested"), QJsonArray{1, 2}}}},
                       {QStringLiteral("another"), 42}}));
        QVERIFY2(unknown.status == 200
                     && unknown.json().value(QLatin1String("client_order_id")).toString() == m_unknownFieldsOrder,
                 qPrintable(unknown.text()));

        // A body over max_body_bytes: 413 (and its connection closed); headers over Beast's
        // limit: 431.
        const Answer big =
            steady("POST", orders, QByteArray(kMaxBodyBytes * 3, ' ') + orderBody(QStringLiteral("AAPL"), {}));
        QVERIFY2(big.status == 413 && isAlpacaError(big.json(), 40010000)
                     && big.json().value(QLatin1String("message")).toString().contains(QString::number(kMaxBodyBytes)),
                 qPrintable(big.text()));
        const Answer fat = call("GET", QStringLiteral("/v2/account"), {}, m_steadyKey, m_steadySecret,
                                {{"X-Filler", QByteArray(32 * 1024, 'x')}});
        QVERIFY2(fat.status == 431 && isAlpacaError(fat.json(), 40010000), qPrintable(fat.text()));
        // The same oversized body by hand: the answer arrives and the connection is closed.
        {
            const auto [bytes, closed] =
                raw("POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(kMaxBodyBytes * 4) + "\r\n\r\n" + QByteArray(kMaxBodyBytes * 4, ' '));
            QVERIFY2(bytes.startsWith("HTTP/1.1 413 "), bytes.left(200).constData());
            QVERIFY2(closed, "the connection stayed open after the 413");
        }

        // Garbage on the trade_updates stream: an error message each, and the connection
        // still takes a login after.
        const QStringList answers = stream({"{not json", "[1, 2]", R"({"action":"fly"})",
                                            R"({"action":"authenticate","data":{"key_id":5,"secret_key":[]}})",
                                            R"({"action":"listen","data":{"streams":["trade_updates"]}})",
                                            authenticate(m_steadyKey, m_steadySecret)});
        for (qsizetype i = 0; i + 2 < answers.size(); ++i) {
            const QJsonObject o = QJsonDocument::fromJson(answers[i].toUtf8()).object();
            QVERIFY2(o.value(QLatin1String("stream")).toString() == QLatin1String("error")
                         && o.value(QLatin1String("data")).toObject().value(QLatin1String("error")).isString(),
                     qPrintable(answers[i]));
        }
        QVERIFY2(answers[answers.size() - 2].contains(QLatin1String("\"unauthorized\"")),
                 qPrintable(answers[answers.size() - 2])); // listen before a login
        QVERIFY2(answers.constLast().contains(QLatin1String("\"authorized\"")), qPrintable(answers.constLast()));

        // A stream message over max_body_bytes: the connection is closed, "too big".
        {
            QWebSocket ws;
            ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/stream").arg(m_rig.port)));
            QVERIFY2(QTest::qWaitFor([&] { return ws.state() == QAbstractSocket::ConnectedState; }, 20'000),
                     qPrintable(ws.errorString()));
            ws.sendTextMessage(QString(kMaxBodyBytes * 3, QLatin1Char(' ')));
            QVERIFY2(QTest::qWaitFor([&] { return ws.state() == QAbstractSocket::UnconnectedState; }, 20'000),
                     "a stream message over max_body_bytes left its connection open");
            QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        }

        // Not HTTP: 400 and the connection closed.
        {
            const auto [bytes, closed] = raw("HELLO THERE\r\n\r\n");
            QVERIFY2(bytes.startsWith("HTTP/1.1 400 "), bytes.left(200).constData());
            const QJsonObject body = QJsonDocument::fromJson(bytes.mid(bytes.indexOf("\r\n\r\n") + 4)).object();
            QVERIFY2(isAlpacaError(body, 40010000), bytes.constData());
            QVERIFY2(closed, "the connection stayed open after a malformed request");
        }
    }

    void badKeysAllGetTheSameRefusal()
    {
        QVERIFY(m_vigilUp);
        const QString path = QStringLiteral("/v2/account");
        // The key about to be revoked works.
        const Answer before = call("GET", path, {}, m_goneKey, m_goneSecret);
        QVERIFY2(before.status == 200, qPrintable(before.text()));
        const QString goneStream = streamLogin(m_goneKey, m_goneSecret);
        QVERIFY2(goneStream.contains(QLatin1String("\"authorized\"")), qPrintable(goneStream));

        const GatewayRig::Run revoke = m_rig.vigil({QStringLiteral("bot"), QStringLiteral("revoke"), kGone});
        QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.out + revoke.err));

        const Answer unknown = call("GET", path, {}, QStringLiteral("PKUNKNOWNUNKNOWNUNKN"), QStringLiteral("wrong"));
        QCOMPARE(unknown.status, 401);
        QVERIFY2(isAlpacaError(unknown.json(), 40110000), qPrintable(unknown.text()));
        const QList<std::pair<QString, Answer>> others{
            {QStringLiteral("a revoked key"), call("GET", path, {}, m_goneKey, m_goneSecret)},
            {QStringLiteral("a wrong secret"), call("GET", path, {}, m_steadyKey, QStringLiteral("wrong"))},
            {QStringLiteral("a wrong secret of the flooded bot"), call("GET", path, {}, m_rig.keyId, m_steadySecret)},
            {QStringLiteral("no key at all"), call("GET", path)},
            {QStringLiteral("a key id without a secret"), call("GET", path, {}, m_steadyKey, QString())},
            {QStringLiteral("an order with a revoked key"),
             call("POST", QStringLiteral("/v2/orders"), orderBody(QStringLiteral("AAPL"), {}), m_goneKey,
                  m_goneSecret)},
        };
        for (const auto &[what, a] : others) {
            QVERIFY2(a.status == unknown.status && a.body == unknown.body
                         && a.comparableHeaders() == unknown.comparableHeaders(),
                     qPrintable(what + QStringLiteral(": ") + a.text() + QStringLiteral(", an unknown key: ")
                                + unknown.text()));
        }

        // The trade_updates stream refuses them alike.
        const QString unknownStream = streamLogin(QStringLiteral("PKUNKNOWNUNKNOWNUNKN"), QStringLiteral("wrong"));
        QVERIFY2(unknownStream.contains(QLatin1String("\"unauthorized\"")), qPrintable(unknownStream));
        QCOMPARE(streamLogin(m_goneKey, m_goneSecret), unknownStream);
        QCOMPARE(streamLogin(m_steadyKey, QStringLiteral("wrong")), unknownStream);
    }

    void stillRunningThenStopsCleanly()
    {
        QVERIFY(m_vigilUp);
        QCOMPARE(m_rig.instance.state(), QProcess::Running);
        const QJsonObject s = status();
        QVERIFY2(!s.value(QLatin1String("state")).toString().isEmpty(), "vigil ctl status did not answer");
        QCOMPARE(s.value(QLatin1String("session")).toString(), QStringLiteral("open"));
        const QString stopped = m_rig.stop();
        m_vigilUp = false;
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));

        // The journal holds exactly the flooder's accepted orders under its name, and the
        // order with unknown fields under the steady bot's.
        const QStringList journaled =
            rows(m_rig.journal(), QStringLiteral("SELECT source_ref FROM orders WHERE strategy = '%1'").arg(kFlooder));
        const QSet<QString> inJournal(journaled.begin(), journaled.end());
        QCOMPARE(journaled.size(), inJournal.size());
        QVERIFY2(inJournal == m_accepted,
                 qPrintable(QStringLiteral("%1 of the flooder's orders in the journal, %2 accepted; %3 journaled and "
                                           "not accepted, %4 accepted and not journaled")
                                .arg(inJournal.size())
                                .arg(m_accepted.size())
                                .arg(QSet<QString>(inJournal).subtract(m_accepted).size())
                                .arg(QSet<QString>(m_accepted).subtract(inJournal).size())));
        QCOMPARE(rows(m_rig.journal(),
                      QStringLiteral("SELECT strategy FROM orders WHERE source_ref = '%1'").arg(m_unknownFieldsOrder)),
                 QStringList{kSteady});
    }
};

QTEST_GUILESS_MAIN(TestGatewayFlood)
#include "tst_gateway_flood.moc"
