// The webhook and e-mail channels over libcurl: one easy handle per attempt (nothing is kept
// between alerts that could go stale), the configured timeout on every attempt, redirects
// followed three times at most, and every error scrubbed of the channel's secret.

#include "api/AlertChannel.h"

#include "core/EngineText.h"

#include <QDateTime>
#include <QHostInfo>
#include <QTimeZone>
#include <QUuid>

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace vigil {

namespace {

/// curl_global_init is not thread safe: once, before the first handle.
void initCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/// `text` with every occurrence of `secret` replaced: nothing a peer or curl says may
/// carry it into a log or the alert about the failure.
std::string scrubbed(std::string text, const std::string &secret)
{
    if (secret.empty())
        return text;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
        text.replace(at, secret.size(), "***");
    return text;
}

/// Printable, one line, at most 200 characters: a peer's answer inside an error text.
std::string peerText(const std::string &body)
{
    std::string out;
    for (const char c : body) {
        if (out.size() >= 200) {
            out += "...";
            break;
        }
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    return out;
}

int onProgress(void *flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<std::atomic<bool> *>(flag)->load() ? 1 : 0;
}

std::size_t collect(char *data, std::size_t size, std::size_t count, void *out)
{
    auto *body = static_cast<std::string *>(out);
    const std::size_t bytes = size * count;
    if (body->size() < 4096) // the start of a peer's answer is enough for an error text
        body->append(data, std::min(bytes, 4096 - body->size()));
    return bytes;
}

struct Handle {
    CURL *curl = nullptr;
    curl_slist *headers = nullptr;
    curl_slist *recipients = nullptr;
    char error[CURL_ERROR_SIZE] = {};
    Handle()
    {
        initCurl();
        curl = curl_easy_init();
    }
    ~Handle()
    {
        curl_slist_free_all(headers);
        curl_slist_free_all(recipients);
        if (curl)
            curl_easy_cleanup(curl);
    }
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;

    void common(std::atomic<bool> &aborted, int timeoutSeconds)
    {
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // not from a worker thread
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeoutSeconds));
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(timeoutSeconds, 10)));
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &aborted);
    }

    /// curl's words for a failed transfer: its own buffer when it wrote one.
    std::string failure(CURLcode code) const
    {
        if (code == CURLE_OPERATION_TIMEDOUT)
            return engineTr("Alerts", "no answer in time (%1)").arg(std::string(error[0] ? error : ""));
        if (code == CURLE_ABORTED_BY_CALLBACK)
            return engineTr("Alerts", "stopped: Vigil is shutting down");
        if (code == CURLE_TOO_MANY_REDIRECTS)
            return engineTr("Alerts", "redirected more than 3 times (a redirect loop?)");
        return error[0] ? std::string(error) : std::string(curl_easy_strerror(code));
    }
};

class WebhookChannel final : public AlertChannel {
public:
    WebhookChannel(const WebhookChannelConfig &config, std::string token)
        : m_config(config)
        , m_token(std::move(token))
    {
        m_url = m_config.url;
        m_bearer = m_url.find("{token}") == std::string::npos && !m_token.empty();
        if (const std::size_t at = m_url.find("{token}"); at != std::string::npos)
            m_url.replace(at, 7, m_token);
        m_template = m_config.bodyTemplate.empty() ? std::string(kDefaultWebhookTemplate) : m_config.bodyTemplate;
    }

    AlertChannelKind kind() const override { return AlertChannelKind::Webhook; }

    std::string send(const OutgoingAlert &alert) override
    {
        Handle h;
        if (!h.curl)
            return engineTr("Alerts", "libcurl could not make a handle");
        const std::string body = renderWebhookBody(m_template, alert);
        std::string answer;
        h.common(m_aborted, m_config.timeoutSeconds);
        h.headers = curl_slist_append(h.headers, "Content-Type: application/json");
        if (m_bearer)
            h.headers = curl_slist_append(h.headers, ("Authorization: Bearer " + m_token).c_str());
        curl_easy_setopt(h.curl, CURLOPT_URL, m_url.c_str());
        curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "http,https");
        // Never downgraded to http: only a url that is http already (the configuration allows
        // that for loopback only) may be redirected to http.
        curl_easy_setopt(h.curl, CURLOPT_REDIR_PROTOCOLS_STR, m_url.rfind("https:", 0) == 0 ? "https" : "http,https");
        curl_easy_setopt(h.curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(h.curl, CURLOPT_MAXREDIRS, 3L);
        curl_easy_setopt(h.curl, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_ALL));
        curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
        curl_easy_setopt(h.curl, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h.curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &answer);
        curl_easy_setopt(h.curl, CURLOPT_USERAGENT, "Vigil alerts");
        const CURLcode code = curl_easy_perform(h.curl);
        if (code != CURLE_OK)
            return scrubbed(engineTr("Alerts", "webhook %1: %2").arg(host(), h.failure(code)), m_token);
        long status = 0;
        curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status >= 300)
            return scrubbed(engineTr("Alerts", "webhook %1 answered HTTP %2: %3")
                                .arg(host(), std::to_string(status), peerText(answer)),
                            m_token);
        return {};
    }

private:
    /// The url's scheme and host only: its path may hold the token.
    std::string host() const
    {
        const std::size_t scheme = m_config.url.find("://");
        const std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
        const std::size_t end = m_config.url.find('/', start);
        return m_config.url.substr(0, end);
    }

    WebhookChannelConfig m_config;
    std::string m_token;
    std::string m_url;
    std::string m_template;
    bool m_bearer = false;
};

/// RFC 2047: a subject with anything beyond ASCII as one UTF-8 base64 encoded word.
std::string encodedSubject(const std::string &subject)
{
    const bool ascii = std::all_of(subject.begin(), subject.end(), [](char c) { return (c & 0x80) == 0; });
    if (ascii)
        return subject;
    return "=?UTF-8?B?" + QByteArray::fromStdString(subject).toBase64().toStdString() + "?=";
}

class EmailChannel final : public AlertChannel {
public:
    EmailChannel(const EmailChannelConfig &config, std::string password)
        : m_config(config)
        , m_password(std::move(password))
    {
        const bool tls = m_config.security == SmtpSecurity::Tls;
        m_url = std::string(tls ? "smtps://" : "smtp://") + m_config.server + ":" + std::to_string(m_config.port);
        m_host = QHostInfo::localHostName().toStdString();
    }

    AlertChannelKind kind() const override { return AlertChannelKind::Email; }

    std::string send(const OutgoingAlert &alert) override
    {
        Handle h;
        if (!h.curl)
            return engineTr("Alerts", "libcurl could not make a handle");
        const std::string message = mail(alert);
        Reader reader{message, 0};
        h.common(m_aborted, m_config.timeoutSeconds);
        curl_easy_setopt(h.curl, CURLOPT_URL, m_url.c_str());
        curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        curl_easy_setopt(h.curl, CURLOPT_USE_SSL,
                         static_cast<long>(m_config.security == SmtpSecurity::None ? CURLUSESSL_NONE : CURLUSESSL_ALL));
        if (!m_config.caFile.empty())
            curl_easy_setopt(h.curl, CURLOPT_CAINFO, m_config.caFile.c_str());
        if (!m_config.username.empty()) {
            curl_easy_setopt(h.curl, CURLOPT_USERNAME, m_config.username.c_str());
            curl_easy_setopt(h.curl, CURLOPT_PASSWORD, m_password.c_str());
        }
        curl_easy_setopt(h.curl, CURLOPT_MAIL_FROM, ("<" + m_config.from + ">").c_str());
        for (const std::string &to : m_config.to)
            h.recipients = curl_slist_append(h.recipients, ("<" + to + ">").c_str());
        curl_easy_setopt(h.curl, CURLOPT_MAIL_RCPT, h.recipients);
        curl_easy_setopt(h.curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(h.curl, CURLOPT_READFUNCTION, Reader::read);
        curl_easy_setopt(h.curl, CURLOPT_READDATA, &reader);
        curl_easy_setopt(h.curl, CURLOPT_INFILESIZE, static_cast<long>(message.size()));
        const CURLcode code = curl_easy_perform(h.curl);
        if (code == CURLE_OK)
            return {};
        std::string why = h.failure(code);
        if (code == CURLE_USE_SSL_FAILED)
            why = engineTr("Alerts", "the server does not offer STARTTLS, and alerts are never mailed in the clear");
        else if (code == CURLE_LOGIN_DENIED)
            why = engineTr("Alerts", "the server refused the login of %1").arg(m_config.username);
        return scrubbed(engineTr("Alerts", "e-mail via %1:%2: %3").arg(m_config.server, m_config.port, why),
                        m_password);
    }

private:
    struct Reader {
        const std::string &text;
        std::size_t at;
        static std::size_t read(char *buffer, std::size_t size, std::size_t count, void *self)
        {
            auto *r = static_cast<Reader *>(self);
            const std::size_t n = std::min(size * count, r->text.size() - r->at);
            std::memcpy(buffer, r->text.data() + r->at, n);
            r->at += n;
            return n;
        }
    };

    std::string mail(const OutgoingAlert &alert) const
    {
        std::string to;
        for (const std::string &address : m_config.to)
            to += (to.empty() ? "" : ", ") + address;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        std::string m;
        m += "Date: " + now.toString(Qt::RFC2822Date).toStdString() + "\r\n";
        m += "From: Vigil <" + m_config.from + ">\r\n";
        m += "To: " + to + "\r\n";
        m += "Subject: " + encodedSubject(alertSubject(alert)) + "\r\n";
        m +=
            "Message-ID: <" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString() + "@" + m_host + ">\r\n";
        m += "X-Vigil-Level: " + std::to_string(alertLevel(alert.severity)) + "\r\n";
        m += "X-Vigil-Alert: " + std::to_string(alert.id) + "\r\n";
        m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
        // SMTP's end of data is a line holding one dot: a message line starting with one gets
        // another (RFC 5321 4.5.2), and every line ends in CRLF.
        const std::string text = alertMailBody(alert, m_host);
        for (std::string_view body = text; !body.empty();) {
            const std::size_t end = body.find('\n');
            std::string_view line = body.substr(0, end);
            if (!line.empty() && line.front() == '.')
                m += '.';
            m += line;
            m += "\r\n";
            body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
        }
        return m;
    }

    EmailChannelConfig m_config;
    std::string m_password;
    std::string m_url;
    std::string m_host;
};

} // namespace

std::unique_ptr<AlertChannel> makeWebhookChannel(const WebhookChannelConfig &config, std::string token)
{
    return std::make_unique<WebhookChannel>(config, std::move(token));
}

std::unique_ptr<AlertChannel> makeEmailChannel(const EmailChannelConfig &config, std::string password)
{
    return std::make_unique<EmailChannel>(config, std::move(password));
}

} // namespace vigil
