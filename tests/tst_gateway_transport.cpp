// The gateway's transport (net/HttpServer) as a real server on 127.0.0.1, port 0, serving
// routes defined here (echoes: the transport's contract is to carry requests and messages
// whole, not what they mean), against real clients: QNetworkAccessManager, QWebSocket, and
// raw sockets for what a well-behaved client never sends (an oversized body, a request that
// never ends, garbage, too many connections, a WebSocket peer that never reads). TLS with a
// certificate made by `openssl` at test time.
#include "net/HttpServer.h"
#include "net/RequestTarget.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

using namespace vigil::gateway;
using vigil::GatewayConfig;

namespace {

/// What the routes saw, read by the test thread while the network thread writes it.
struct Seen {
    std::atomic<int> wsClosed{0};
    std::atomic<bool> floodClosed{false};
    std::atomic<std::size_t> floodMaxQueued{0};
    std::atomic<int> floodSent{0};
};

/// Echoes each message back as it came (text or binary); "close" asks the server to close.
class EchoHandler final : public WsHandler {
public:
    EchoHandler(std::shared_ptr<WsConnection> connection, std::shared_ptr<Seen> seen)
        : m_connection(std::move(connection))
        , m_seen(std::move(seen))
    {}
    void onMessage(std::string_view message, bool binary) override
    {
        if (message == "close")
            return m_connection->close();
        if (binary)
            m_connection->sendBinary(std::string(message));
        else
            m_connection->sendText(std::string(message));
    }
    void onClosed() override { ++m_seen->wsClosed; }

private:
    std::shared_ptr<WsConnection> m_connection;
    std::shared_ptr<Seen> m_seen;
};

/// Sends 64 KiB binary messages, one per turn of the network thread, until its connection
/// is gone: a fan-out to a peer that may not read.
class FloodHandler final : public WsHandler {
public:
    FloodHandler(std::shared_ptr<WsConnection> connection, std::shared_ptr<Seen> seen, Poster poster)
        : m_state(std::make_shared<State>(State{std::move(connection), std::move(seen), std::move(poster), false}))
    {
        step(m_state);
    }
    void onMessage(std::string_view, bool) override {}
    void onClosed() override
    {
        m_state->closed = true;
        m_state->connection.reset();
        m_state->seen->floodClosed = true;
    }

private:
    struct State {
        std::shared_ptr<WsConnection> connection;
        std::shared_ptr<Seen> seen;
        Poster poster;
        bool closed;
    };
    static void step(const std::shared_ptr<State> &state)
    {
        if (state->closed)
            return;
        state->connection->sendBinary(std::string(64 * 1024, 'q'));
        ++state->seen->floodSent;
        const std::size_t queued = state->connection->queuedBytes();
        if (queued > state->seen->floodMaxQueued)
            state->seen->floodMaxQueued = queued;
        state->poster([state] { step(state); });
    }
    std::shared_ptr<State> m_state;
};

/// A server with the echo routes: HTTP answers with a JSON picture of the request (status
/// from ?status=, 204 for DELETE; "/later" answers on a later turn through the poster);
/// WebSocket "/echo" and "/flood"; any other WebSocket path is refused.
struct Served {
    explicit Served(GatewayConfig config, std::size_t wsQueueBytes = HttpServer::kDefaultWsQueueBytes)
    {
        auto poster = std::make_shared<Poster>();
        Routes routes;
        routes.http = [poster](HttpRequest request, Respond respond) {
            QJsonObject picture{{QStringLiteral("method"), QString::fromStdString(request.method)},
                                {QStringLiteral("path"), QString::fromStdString(request.path)},
                                {QStringLiteral("body"), QString::fromStdString(request.body)},
                                {QStringLiteral("remote"), QString::fromStdString(request.remoteAddress)}};
            QJsonArray query;
            for (const auto &[key, value] : request.query)
                query.append(QJsonArray{QString::fromStdString(key), QString::fromStdString(value)});
            picture.insert(QStringLiteral("query"), query);
            QJsonObject headers;
            for (const auto &[name, value] : request.headers)
                headers.insert(QString::fromStdString(name), QString::fromStdString(value));
            picture.insert(QStringLiteral("headers"), headers);
            HttpResponse response;
            response.status = request.method == "DELETE" ? 204 : 200;
            if (const std::string *status = request.queryValue("status"); status && *status != "open")
                response.status = std::stoi(*status);
            response.body = QJsonDocument(picture).toJson(QJsonDocument::Compact).toStdString();
            response.headers.emplace_back("X-Echo", "yes");
            if (request.path == "/later")
                (*poster)([respond, response] { respond(response); });
            else
                respond(std::move(response));
        };
        routes.websocket = [this, poster](const HttpRequest &upgrade,
                                          std::shared_ptr<WsConnection> connection) -> std::unique_ptr<WsHandler> {
            if (upgrade.path == "/echo")
                return std::make_unique<EchoHandler>(std::move(connection), seen);
            if (upgrade.path == "/flood")
                return std::make_unique<FloodHandler>(std::move(connection), seen, *poster);
            return nullptr;
        };
        server = std::make_unique<HttpServer>(std::move(config), std::move(routes), wsQueueBytes);
        *poster = server->poster();
        server->start();
    }
    QString url(const QString &scheme, const QString &pathAndQuery) const
    {
        return scheme + QStringLiteral("://127.0.0.1:") + QString::number(server->port()) + pathAndQuery;
    }

    std::shared_ptr<Seen> seen = std::make_shared<Seen>();
    std::unique_ptr<HttpServer> server;
};

GatewayConfig loopback(int requestTimeoutMs = 10'000)
{
    GatewayConfig config;
    config.port = 0;
    config.requestTimeoutMs = requestTimeoutMs;
    return config;
}

struct RawResponse {
    int status = 0;
    QMap<QByteArray, QByteArray> headers; ///< names lower-case
    QByteArray body;
};

/// One response read off `socket` (status line, headers, Content-Length bytes of body), or
/// none if the connection closes or stays silent first.
std::optional<RawResponse> readResponse(QTcpSocket &socket)
{
    const auto more = [&socket] { return socket.bytesAvailable() > 0 || socket.waitForReadyRead(5'000); };
    RawResponse response;
    while (!socket.canReadLine())
        if (!more())
            return std::nullopt;
    const QList<QByteArray> statusLine = socket.readLine().trimmed().split(' ');
    if (statusLine.size() < 2)
        return std::nullopt;
    response.status = statusLine[1].toInt();
    for (;;) {
        while (!socket.canReadLine())
            if (!more())
                return std::nullopt;
        const QByteArray line = socket.readLine().trimmed();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        response.headers.insert(line.left(colon).toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype length = response.headers.value("content-length", "0").toLongLong();
    while (response.body.size() < length) {
        if (!more())
            return std::nullopt;
        response.body += socket.read(length - response.body.size());
    }
    return response;
}

/// Whether the peer closes `socket` within `ms` (reading and dropping what arrives).
bool closedWithin(QTcpSocket &socket, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < ms) {
        socket.waitForReadyRead(50);
        socket.readAll();
    }
    return socket.state() != QAbstractSocket::ConnectedState;
}

/// A self-signed certificate for 127.0.0.1 and its key, by the `openssl` command
/// (packaging/install-deps.sh installs it).
bool makeCertificate(const QString &cert, const QString &key)
{
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        qWarning("the openssl command is not installed");
        return false;
    }
    return QProcess::execute(QStringLiteral("openssl"),
                             {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                              QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                              QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                              QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
                              QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                              QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")})
           == 0;
}

QByteArray upgradeRequest(const QByteArray &path)
{
    return "GET " + path
           + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

} // namespace

class TestGatewayTransport : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;

    QNetworkReply *finished(QNetworkReply *reply)
    {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10'000);
        return reply;
    }

    /// GETs `url` and returns its status (0 if it failed).
    int statusOf(const QString &url)
    {
        std::unique_ptr<QNetworkReply> reply(finished(m_network.get(QNetworkRequest(QUrl(url)))));
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void requestTargetsAreSplitAndDecoded()
    {
        const auto target = splitRequestTarget(
            "/v2/assets/BRK%2EB?status=open&symbols=AAPL%2CMSFT&q=a+b%2B&flag&&=v&after=2024-01-02T10%3A00%3A00Z");
        QVERIFY(target);
        QCOMPARE(target->path, std::string("/v2/assets/BRK.B"));
        const std::vector<std::pair<std::string, std::string>> expected{
            {"status", "open"}, {"symbols", "AAPL,MSFT"},         {"q", "a b+"}, {"flag", ""},
            {"", "v"},          {"after", "2024-01-02T10:00:00Z"}};
        QCOMPARE(target->query, expected);
        QCOMPARE(splitRequestTarget("/a+b")->path, std::string("/a+b")); // '+' is a space only in the query
        QVERIFY(splitRequestTarget("/plain")->query.empty());
        QVERIFY(!splitRequestTarget("http://elsewhere/v2/account"));
        QVERIFY(!splitRequestTarget("*"));
    }

    void httpRequestsReachTheHandlerWhole()
    {
        Served served(loopback());
        QNetworkRequest get(
            QUrl(served.url(QStringLiteral("http"), QStringLiteral("/v2/orders?status=open&symbols=AAPL%2CMSFT"))));
        get.setRawHeader("APCA-API-KEY-ID", "PKTEST");
        std::unique_ptr<QNetworkReply> reply(finished(m_network.get(get)));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QByteArray body = reply->readAll();
        QCOMPARE(reply->rawHeader("Content-Length").toLongLong(), body.size());
        QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply->rawHeader("X-Echo"), QByteArray("yes"));
        const QByteArray firstId = reply->rawHeader("X-Request-ID");
        QCOMPARE(firstId.size(), 32);
        const QJsonObject picture = QJsonDocument::fromJson(body).object();
        QCOMPARE(picture[QStringLiteral("method")].toString(), QStringLiteral("GET"));
        QCOMPARE(picture[QStringLiteral("path")].toString(), QStringLiteral("/v2/orders"));
        QCOMPARE(picture[QStringLiteral("remote")].toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(picture[QStringLiteral("query")].toArray(),
                 (QJsonArray{QJsonArray{QStringLiteral("status"), QStringLiteral("open")},
                             QJsonArray{QStringLiteral("symbols"), QStringLiteral("AAPL,MSFT")}}));
        QCOMPARE(picture[QStringLiteral("headers")].toObject()[QStringLiteral("apca-api-key-id")].toString(),
                 QStringLiteral("PKTEST"));

        QNetworkRequest post(QUrl(served.url(QStringLiteral("http"), QStringLiteral("/v2/orders"))));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const QByteArray order = R"({"symbol":"AAPL","qty":"1","side":"buy","type":"market","time_in_force":"day"})";
        reply.reset(finished(m_network.post(post, order)));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject posted = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(posted[QStringLiteral("method")].toString(), QStringLiteral("POST"));
        QCOMPARE(posted[QStringLiteral("body")].toString().toUtf8(), order);
        QCOMPARE(posted[QStringLiteral("headers")].toObject()[QStringLiteral("content-type")].toString(),
                 QStringLiteral("application/json"));
        const QByteArray secondId = reply->rawHeader("X-Request-ID");
        QCOMPARE(secondId.size(), 32);
        QVERIFY(secondId != firstId);

        reply.reset(finished(m_network.deleteResource(
            QNetworkRequest(QUrl(served.url(QStringLiteral("http"), QStringLiteral("/v2/orders/abc")))))));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        QVERIFY(reply->readAll().isEmpty());
        QCOMPARE(reply->rawHeader("X-Request-ID").size(), 32);

        // An answer given later, through the poster, on another turn of the network thread.
        reply.reset(finished(m_network.get(
            QNetworkRequest(QUrl(served.url(QStringLiteral("http"), QStringLiteral("/later?status=422")))))));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 422);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object()[QStringLiteral("path")].toString(),
                 QStringLiteral("/later"));
    }

    void keepAliveServesRequestAfterRequest()
    {
        Served served(loopback());
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(socket.waitForConnected(5'000));
        QSet<QByteArray> ids;
        for (int i = 0; i < 3; ++i) {
            socket.write("GET /v2/clock?n=" + QByteArray::number(i) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            const auto response = readResponse(socket);
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QCOMPARE(response->headers.value("content-length").toLongLong(), response->body.size());
            ids.insert(response->headers.value("x-request-id"));
            QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        }
        QCOMPARE(ids.size(), 3);
        socket.write("GET /v2/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QVERIFY(readResponse(socket));
        QVERIFY(closedWithin(socket, 5'000));
    }

    void webSocketsEchoTextAndBinaryAndClose()
    {
        Served served(loopback());
        QWebSocket client;
        QSignalSpy connected(&client, &QWebSocket::connected);
        QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
        QSignalSpy binaries(&client, &QWebSocket::binaryMessageReceived);
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        client.open(QUrl(served.url(QStringLiteral("ws"), QStringLiteral("/echo"))));
        QVERIFY(connected.wait(5'000));
        client.sendTextMessage(QStringLiteral("{\"action\":\"listen\"}"));
        QByteArray bytes("\x82\xa1T\xa1q\x00\xff", 7);
        client.sendBinaryMessage(bytes);
        for (int i = 0; i < 100; ++i)
            client.sendTextMessage(QString::number(i));
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 101, 5'000);
        QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("{\"action\":\"listen\"}"));
        for (int i = 0; i < 100; ++i)
            QCOMPARE(texts.at(i + 1).at(0).toString(), QString::number(i)); // in order
        QTRY_COMPARE_WITH_TIMEOUT(binaries.size(), 1, 5'000);
        QCOMPARE(binaries.at(0).at(0).toByteArray(), bytes);

        // The client closes: the handler hears it.
        client.close();
        QTRY_COMPARE_WITH_TIMEOUT(served.seen->wsClosed.load(), 1, 5'000);

        // The server closes (the handler's close()): a close handshake, code 1000.
        QWebSocket second;
        QSignalSpy secondUp(&second, &QWebSocket::connected);
        QSignalSpy secondDown(&second, &QWebSocket::disconnected);
        second.open(QUrl(served.url(QStringLiteral("ws"), QStringLiteral("/echo"))));
        QVERIFY(secondUp.wait(5'000));
        second.sendTextMessage(QStringLiteral("close"));
        QVERIFY(secondDown.wait(5'000));
        QCOMPARE(second.closeCode(), QWebSocketProtocol::CloseCodeNormal);
        QTRY_COMPARE_WITH_TIMEOUT(served.seen->wsClosed.load(), 2, 5'000);

        // A path with no stream: 404, in Alpaca's error shape.
        QTcpSocket raw;
        raw.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(raw.waitForConnected(5'000));
        raw.write(upgradeRequest("/nowhere"));
        const auto refused = readResponse(raw);
        QVERIFY(refused);
        QCOMPARE(refused->status, 404);
        QCOMPARE(QJsonDocument::fromJson(refused->body).object()[QStringLiteral("code")].toInt(), 40410000);
    }

    void oversizedBodyIsAnswered413()
    {
        GatewayConfig config = loopback();
        config.maxBodyBytes = 1'024;
        Served served(config);
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(socket.waitForConnected(5'000));
        socket.write("POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100000\r\n\r\n"
                     + QByteArray(20'000, 'x'));
        const auto response = readResponse(socket);
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(response->headers.value("x-request-id").size(), 32);
        const QJsonObject error = QJsonDocument::fromJson(response->body).object();
        QCOMPARE(error[QStringLiteral("code")].toInt(), 40010000);
        QVERIFY(error[QStringLiteral("message")].toString().contains(QStringLiteral("1024")));
        QVERIFY(closedWithin(socket, 5'000));

        // A body at the limit is carried whole.
        QTcpSocket fits;
        fits.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(fits.waitForConnected(5'000));
        fits.write("POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1024\r\n\r\n"
                   + QByteArray(1'024, 'y'));
        const auto carried = readResponse(fits);
        QVERIFY(carried);
        QCOMPARE(carried->status, 200);
        QCOMPARE(QJsonDocument::fromJson(carried->body).object()[QStringLiteral("body")].toString().size(), 1'024);
    }

    void slowClientsAreClosedAfterTheTimeout()
    {
        Served served(loopback(300));
        QTcpSocket headers; // never finishes its headers
        headers.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(headers.waitForConnected(5'000));
        headers.write("GET /v2/account HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        QTcpSocket body; // never finishes its body
        body.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(body.waitForConnected(5'000));
        body.write("POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabcde");
        QTcpSocket silent; // connects and says nothing
        silent.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(silent.waitForConnected(5'000));
        QVERIFY(closedWithin(headers, 10'000));
        QVERIFY(closedWithin(body, 10'000));
        QVERIFY(closedWithin(silent, 10'000));
        QCOMPARE(statusOf(served.url(QStringLiteral("http"), QStringLiteral("/v2/clock"))), 200);
    }

    void malformedRequestsAreAnswered400AndClosed()
    {
        Served served(loopback());
        const QList<QByteArray> garbage{
            QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n", 29),
            "GET /v2/account HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon in this header\r\n\r\n",
            "GET /v2/account HTTP/9.Z\r\n\r\n",
            "POST /v2/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: twelve\r\n\r\n",
            "GET v2/account HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        };
        for (const QByteArray &request : garbage) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
            QVERIFY(socket.waitForConnected(5'000));
            socket.write(request);
            const auto response = readResponse(socket);
            QVERIFY2(response, request.constData());
            QCOMPARE(response->status, 400);
            QCOMPARE(QJsonDocument::fromJson(response->body).object()[QStringLiteral("code")].toInt(), 40010000);
            QVERIFY(closedWithin(socket, 5'000));
        }
        QCOMPARE(statusOf(served.url(QStringLiteral("http"), QStringLiteral("/v2/clock"))), 200);
    }

    void connectionsBeyondTheLimitAreClosedAtOnce()
    {
        GatewayConfig config = loopback(60'000);
        config.maxConnections = 256;
        Served served(config);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        int closed = 0;
        for (int i = 0; i < 300; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            connect(socket.get(), &QTcpSocket::disconnected, this, [&closed] { ++closed; });
            socket->connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
            sockets.push_back(std::move(socket));
        }
        QTRY_COMPARE_WITH_TIMEOUT(closed, 44, 20'000);
        QTest::qWait(500);
        QCOMPARE(closed, 44); // the 256 others stay open
        // Those open are served.
        int served256 = 0;
        for (auto &socket : sockets) {
            if (socket->state() != QAbstractSocket::ConnectedState)
                continue;
            socket->write("GET /v2/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            const auto response = readResponse(*socket);
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            ++served256;
        }
        QCOMPARE(served256, 256);
        // While they are open, a new connection is closed; once they are gone, it is served.
        QTcpSocket extra;
        extra.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(closedWithin(extra, 5'000));
        sockets.clear();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(served.url(QStringLiteral("http"), QStringLiteral("/v2/clock"))), 200,
                                  10'000);
    }

    void aPeerThatNeverReadsIsClosedWhenItsQueueIsFull()
    {
        constexpr std::size_t kQueue = std::size_t{1} << 20;
        Served served(loopback(), kQueue);
        QWebSocket reader;
        QSignalSpy readerUp(&reader, &QWebSocket::connected);
        QSignalSpy echoes(&reader, &QWebSocket::textMessageReceived);
        reader.open(QUrl(served.url(QStringLiteral("ws"), QStringLiteral("/echo"))));
        QVERIFY(readerUp.wait(5'000));

        QTcpSocket sleeper; // upgrades to the flood, then reads nothing at all
        sleeper.setReadBufferSize(256);
        sleeper.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(sleeper.waitForConnected(5'000));
        sleeper.write(upgradeRequest("/flood"));

        // While the flood fills the sleeper's queue, the others are served.
        QTRY_VERIFY_WITH_TIMEOUT(served.seen->floodSent.load() > 0, 5'000);
        reader.sendTextMessage(QStringLiteral("still here"));
        QCOMPARE(statusOf(served.url(QStringLiteral("http"), QStringLiteral("/v2/clock"))), 200);
        QTRY_COMPARE_WITH_TIMEOUT(echoes.size(), 1, 5'000);

        QTRY_VERIFY_WITH_TIMEOUT(served.seen->floodClosed.load(), 30'000);
        QVERIFY(served.seen->floodMaxQueued.load() <= kQueue);
        QVERIFY(served.seen->floodMaxQueued.load() > kQueue / 2);
        // The reader is untouched.
        reader.sendTextMessage(QStringLiteral("after"));
        QTRY_COMPARE_WITH_TIMEOUT(echoes.size(), 2, 5'000);
        QCOMPARE(reader.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(served.seen->wsClosed.load(), 0);
    }

    void tlsServesHttpsAndSecureWebSockets()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QVERIFY(makeCertificate(cert, key));
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(cert);
        QCOMPARE(certificates.size(), 1);
        const QList<QSslError> expected{QSslError(QSslError::SelfSignedCertificate, certificates.front())};
        QNetworkAccessManager strict; // a manager of its own: no TLS session to reuse

        // Any address with TLS, here all of them: 0.0.0.0 is not loopback.
        GatewayConfig config = loopback();
        config.listenAddress = "0.0.0.0";
        config.tlsCertificateFile = cert.toStdString();
        config.tlsKeyFile = key.toStdString();
        Served served(config);
        QVERIFY(served.server->tls());

        QNetworkReply *raw = m_network.get(
            QNetworkRequest(QUrl(served.url(QStringLiteral("https"), QStringLiteral("/v2/account?x=%20y")))));
        raw->ignoreSslErrors(expected);
        std::unique_ptr<QNetworkReply> reply(finished(raw));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object()[QStringLiteral("query")].toArray(),
                 (QJsonArray{QJsonArray{QStringLiteral("x"), QStringLiteral(" y")}}));

        // Without ignoring it, the self-signed certificate is refused: the connection is TLS.
        reply.reset(finished(
            strict.get(QNetworkRequest(QUrl(served.url(QStringLiteral("https"), QStringLiteral("/v2/account")))))));
        QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);

        QWebSocket client;
        client.ignoreSslErrors(expected);
        QSignalSpy connected(&client, &QWebSocket::connected);
        QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
        client.open(QUrl(served.url(QStringLiteral("wss"), QStringLiteral("/echo"))));
        QVERIFY(connected.wait(10'000));
        client.sendTextMessage(QStringLiteral("over tls"));
        QVERIFY(texts.wait(5'000));
        QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("over tls"));

        // A plain-text client on the TLS port gets no answer in the clear.
        QTcpSocket plain;
        plain.connectToHost(QStringLiteral("127.0.0.1"), served.server->port());
        QVERIFY(plain.waitForConnected(5'000));
        plain.write("GET /v2/account HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(closedWithin(plain, 5'000));
        QVERIFY(!plain.readAll().contains("HTTP/1.1 200"));
    }

    void badSettingsRefuseToStartNamingThem()
    {
        const auto failure = [](GatewayConfig config) -> QString {
            try {
                HttpServer server(std::move(config), Routes{});
                server.start();
            } catch (const std::runtime_error &error) {
                return QString::fromUtf8(error.what());
            }
            return {};
        };
        GatewayConfig open = loopback();
        open.listenAddress = "0.0.0.0";
        QString message = failure(open);
        QVERIFY2(message.contains(QStringLiteral("gateway.listen_address")) && message.contains(QStringLiteral("TLS")),
                 qPrintable(message));

        GatewayConfig name = loopback();
        name.listenAddress = "gateway.example";
        message = failure(name);
        QVERIFY2(message.contains(QStringLiteral("gateway.listen_address"))
                     && message.contains(QStringLiteral("gateway.example")),
                 qPrintable(message));

        QTemporaryDir dir;
        GatewayConfig halfTls = loopback();
        halfTls.tlsCertificateFile = dir.filePath(QStringLiteral("cert.pem")).toStdString();
        message = failure(halfTls);
        QVERIFY2(message.contains(QStringLiteral("gateway.tls_key_file")), qPrintable(message));

        GatewayConfig missing = loopback();
        missing.listenAddress = "0.0.0.0";
        missing.tlsCertificateFile = dir.filePath(QStringLiteral("absent.pem")).toStdString();
        missing.tlsKeyFile = dir.filePath(QStringLiteral("absent-key.pem")).toStdString();
        message = failure(missing);
        QVERIFY2(message.contains(QStringLiteral("gateway.tls_certificate_file"))
                     && message.contains(QStringLiteral("absent.pem")),
                 qPrintable(message));

        // A key file that is not a key, and one that is a key for another certificate: named,
        // and never quoted.
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        const QString otherKey = dir.filePath(QStringLiteral("other.pem"));
        QVERIFY(makeCertificate(cert, key));
        QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                                   {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("ec"),
                                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                                    QStringLiteral("-out"), otherKey}),
                 0);
        QFile keyFile(key);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> keyLines = keyFile.readAll().split('\n');
        const auto quotesKey = [&keyLines](const QString &text) {
            return std::any_of(keyLines.begin(), keyLines.end(), [&text](const QByteArray &line) {
                return line.size() > 8 && !line.startsWith("-----") && text.contains(QString::fromLatin1(line));
            });
        };

        GatewayConfig garbledCert = loopback();
        garbledCert.tlsCertificateFile = key.toStdString(); // a key where the certificate should be
        garbledCert.tlsKeyFile = key.toStdString();
        message = failure(garbledCert);
        QVERIFY2(message.contains(QStringLiteral("gateway.tls_certificate_file")), qPrintable(message));
        QVERIFY(!quotesKey(message));

        GatewayConfig garbledKey = loopback();
        garbledKey.tlsCertificateFile = cert.toStdString();
        garbledKey.tlsKeyFile = cert.toStdString(); // a certificate where the key should be
        message = failure(garbledKey);
        QVERIFY2(message.contains(QStringLiteral("gateway.tls_key_file")), qPrintable(message));

        GatewayConfig mismatch = loopback();
        mismatch.tlsCertificateFile = cert.toStdString();
        mismatch.tlsKeyFile = otherKey.toStdString();
        message = failure(mismatch);
        QVERIFY2(message.contains(QStringLiteral("gateway.tls_key_file"))
                     && message.contains(QStringLiteral("does not belong")),
                 qPrintable(message));
        QVERIFY(!quotesKey(message));

        // A port in use.
        Served first(loopback());
        GatewayConfig taken = loopback();
        taken.port = first.server->port();
        message = failure(taken);
        QVERIFY2(message.contains(QStringLiteral("cannot listen")) && message.contains(QString::number(taken.port)),
                 qPrintable(message));
    }

    void stopClosesEveryConnection()
    {
        auto served = std::make_unique<Served>(loopback());
        const std::uint16_t port = served->server->port();
        QWebSocket client;
        QSignalSpy connected(&client, &QWebSocket::connected);
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        client.open(QUrl(served->url(QStringLiteral("ws"), QStringLiteral("/echo"))));
        QVERIFY(connected.wait(5'000));
        QTcpSocket idle;
        idle.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(idle.waitForConnected(5'000));
        idle.write("GET /v2/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(readResponse(idle));

        served->server->stop();
        QCOMPARE(served->seen->wsClosed.load(), 1); // the handler heard it before stop() returned
        QVERIFY(disconnected.wait(5'000) || client.state() == QAbstractSocket::UnconnectedState);
        QVERIFY(closedWithin(idle, 5'000));
        QTcpSocket late;
        late.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(!late.waitForConnected(2'000));
        served.reset(); // the destructor after stop() is harmless
    }
};

QTEST_GUILESS_MAIN(TestGatewayTransport)
#include "tst_gateway_transport.moc"
