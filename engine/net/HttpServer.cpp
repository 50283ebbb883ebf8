#include "net/HttpServer.h"

#include "net/HttpSession.h"
#include "net/ServerState.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <future>
#include <stdexcept>

namespace vigil::gateway {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

/// Accepts connections and hands them to sessions, or closes them beyond maxConnections.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(std::shared_ptr<ServerState> state, const tcp::endpoint &endpoint)
        : m_state(std::move(state))
        , m_acceptor(m_state->ioc)
        , m_retry(m_state->ioc)
    {
        boost::system::error_code error;
        m_acceptor.open(endpoint.protocol(), error);
        if (!error)
            m_acceptor.set_option(asio::socket_base::reuse_address(true), error);
        if (!error)
            m_acceptor.bind(endpoint, error);
        if (!error)
            m_acceptor.listen(asio::socket_base::max_listen_connections, error);
        if (error)
            throw std::runtime_error("gateway: cannot listen on " + m_state->config.listenAddress + " port "
                                     + std::to_string(endpoint.port()) + ": " + error.message());
    }

    std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }

    void accept()
    {
        m_acceptor.async_accept(m_state->ioc,
                                [self = shared_from_this()](boost::system::error_code error, tcp::socket socket) {
                                    self->accepted(error, std::move(socket));
                                });
    }

    void close()
    {
        boost::system::error_code ignored;
        m_acceptor.close(ignored);
        m_retry.cancel();
    }

private:
    void accepted(boost::system::error_code error, tcp::socket socket)
    {
        if (!m_acceptor.is_open())
            return;
        if (error) {
            // Out of descriptors, most likely: accept again a little later rather than spin.
            spdlog::warn("gateway: accepting a connection failed: {}", error.message());
            m_retry.expires_after(std::chrono::milliseconds(100));
            m_retry.async_wait([self = shared_from_this()](boost::system::error_code waited) {
                if (!waited)
                    self->accept();
            });
            return;
        }
        if (m_state->openCount() >= static_cast<std::size_t>(std::max(m_state->config.maxConnections, 0))) {
            if (m_refused++ % 100 == 0)
                spdlog::warn("gateway: {} connections open, the most [gateway] allows; closing a new one ({} so far)",
                             m_state->config.maxConnections, m_refused);
            socket.close(error);
            return accept();
        }
        socket.set_option(tcp::no_delay(true), error); // answers and stream messages go out at once
        if (m_state->tls) {
            using Tls = boost::beast::ssl_stream<boost::beast::tcp_stream>;
            std::make_shared<HttpSession<Tls>>(m_state, Tls(boost::beast::tcp_stream(std::move(socket)), *m_state->tls))
                ->start();
        } else {
            std::make_shared<HttpSession<boost::beast::tcp_stream>>(m_state,
                                                                    boost::beast::tcp_stream(std::move(socket)))
                ->start();
        }
        accept();
    }

    std::shared_ptr<ServerState> m_state;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_retry;
    std::uint64_t m_refused = 0;
};

namespace {

/// Throws unless `path` can be opened for reading, naming `setting` and the system's reason.
void checkReadable(const std::string &setting, const std::string &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error(setting + ": cannot read " + path + ": " + std::strerror(errno));
}

asio::ssl::context makeTlsContext(const GatewayConfig &config)
{
    asio::ssl::context context(asio::ssl::context::tls_server);
    context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2
                        | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    // An encrypted key would make OpenSSL ask on the terminal; it fails instead.
    context.set_password_callback([](std::size_t, asio::ssl::context::password_purpose) { return std::string(); });
    checkReadable("gateway.tls_certificate_file", config.tlsCertificateFile);
    checkReadable("gateway.tls_key_file", config.tlsKeyFile);
    boost::system::error_code error;
    context.use_certificate_chain_file(config.tlsCertificateFile, error);
    if (error)
        throw std::runtime_error("gateway.tls_certificate_file: " + config.tlsCertificateFile
                                 + " is not a PEM certificate OpenSSL accepts: " + error.message());
    context.use_private_key_file(config.tlsKeyFile, asio::ssl::context::pem, error);
    const bool mismatch = error
                              ? ERR_GET_REASON(static_cast<unsigned long>(error.value())) == X509_R_KEY_VALUES_MISMATCH
                              : SSL_CTX_check_private_key(context.native_handle()) != 1;
    if (mismatch)
        throw std::runtime_error("gateway.tls_key_file: the key in " + config.tlsKeyFile
                                 + " does not belong to the certificate in " + config.tlsCertificateFile);
    if (error)
        throw std::runtime_error("gateway.tls_key_file: " + config.tlsKeyFile
                                 + " is not an unencrypted PEM private key OpenSSL accepts: " + error.message());
    return context;
}

} // namespace

HttpServer::HttpServer(GatewayConfig config, Routes routes, std::size_t wsQueueBytes)
    : m_state(std::make_shared<ServerState>(std::move(config), std::move(routes), wsQueueBytes))
{}

HttpServer::~HttpServer() { stop(); }

namespace {
/// A task run every `period` on the network thread until the server stops.
struct Repeat : std::enable_shared_from_this<Repeat> {
    Repeat(asio::io_context &ioc, std::chrono::milliseconds every, std::function<void()> work)
        : timer(ioc)
        , period(every)
        , task(std::move(work))
    {}
    void arm()
    {
        timer.expires_after(period);
        timer.async_wait([self = shared_from_this()](const boost::system::error_code &error) {
            if (error)
                return; // cancelled: the server stops
            self->task();
            self->arm();
        });
    }
    asio::steady_timer timer;
    std::chrono::milliseconds period;
    std::function<void()> task;
};
} // namespace

void HttpServer::every(std::chrono::milliseconds period, std::function<void()> task)
{
    if (m_started)
        throw std::logic_error("HttpServer::every() after start()");
    auto repeat = std::make_shared<Repeat>(m_state->ioc, period, std::move(task));
    repeat->arm(); // waits in the io_context until its thread runs
    m_state->onStop.push_back([repeat] { repeat->timer.cancel(); });
}

void HttpServer::start()
{
    if (m_started)
        throw std::logic_error("HttpServer::start() called twice");
    const GatewayConfig &config = m_state->config;
    boost::system::error_code error;
    const auto address = asio::ip::make_address(config.listenAddress, error);
    if (error)
        throw std::runtime_error("gateway.listen_address: \"" + config.listenAddress + "\" is not an IP address");
    const bool withTls = !config.tlsCertificateFile.empty() || !config.tlsKeyFile.empty();
    if (withTls && config.tlsCertificateFile.empty())
        throw std::runtime_error("gateway.tls_certificate_file is required with gateway.tls_key_file");
    if (withTls && config.tlsKeyFile.empty())
        throw std::runtime_error("gateway.tls_key_file is required with gateway.tls_certificate_file");
    if (!withTls && !address.is_loopback())
        throw std::runtime_error("gateway.listen_address " + config.listenAddress
                                 + " is not a loopback address: listening on it needs TLS "
                                   "(gateway.tls_certificate_file and gateway.tls_key_file)");
    if (withTls)
        m_state->tls.emplace(makeTlsContext(config));

    m_listener = std::make_shared<Listener>(m_state, tcp::endpoint(address, config.port));
    m_port = m_listener->port();
    m_listener->accept();
    m_started = true;
    std::promise<void> ran;
    m_ran = ran.get_future();
    m_thread = std::thread([state = m_state, ran = std::move(ran)]() mutable {
        for (;;) {
            try {
                state->ioc.run();
                break;
            } catch (const std::exception &failure) {
                // A handler's exception must not take the gateway down: log it, run on.
                spdlog::error("gateway: a network handler failed: {}", failure.what());
            }
        }
        ran.set_value();
    });
    spdlog::info("gateway: listening on {} port {}{}", config.listenAddress, m_port, withTls ? " with TLS" : "");
}

void HttpServer::stop()
{
    if (!m_started || !m_thread.joinable())
        return;
    asio::post(m_state->ioc, [state = m_state, listener = m_listener] {
        listener->close();
        for (const auto &cancel : state->onStop)
            cancel();
        for (const auto &connection : state->openConnections())
            connection->abort();
    });
    m_state->refusePosts();
    // The thread ends when the aborted operations have completed; whatever would outlast a
    // short wait (a timer nobody cancelled) is given up on.
    if (m_ran.wait_for(std::chrono::seconds(2)) != std::future_status::ready)
        m_state->ioc.stop();
    m_thread.join();
}

bool HttpServer::tls() const { return m_state->tls.has_value(); }

Poster HttpServer::poster() const
{
    return [state = m_state](std::function<void()> function) { state->post(std::move(function)); };
}

} // namespace vigil::gateway
