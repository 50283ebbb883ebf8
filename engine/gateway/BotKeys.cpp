// The bot key store (api/BotKeys.h). The file is JSON, written only by this class: one
// object with "version" and "keys", each key {bot, key_id, salt, secret_sha256,
// created_at, revoked_at}. JSON rather than TOML because no operator edits it by hand
// (`vigil bot` does), Qt reads and writes it exactly, and a parse error still has a place
// (its offset, said as a line).

#include "api/BotKeys.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::gateway {

namespace {

constexpr int kFileVersion = 1;
constexpr std::string_view kKeyIdPrefix = "VK";
constexpr std::size_t kKeyIdRandomChars = 18; // 90 bits
constexpr std::size_t kSecretChars = 40;      // about 238 bits
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kDigestBytes = 32;
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kSecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

using Digest = std::array<unsigned char, kDigestBytes>;

/// One key as the file holds it, the salt and hash decoded.
struct StoredKey {
    BotKey key;
    std::string salt; ///< raw bytes
    Digest hash{};
};

std::string errnoText(int error) { return std::strerror(error); }

void randomBytes(unsigned char *out, std::size_t count)
{
    if (RAND_bytes(out, static_cast<int>(count)) != 1)
        throw std::runtime_error("the system's random number generator failed (OpenSSL RAND_bytes)");
}

/// `count` characters of `alphabet`, each uniform: bytes past the alphabet's last whole
/// multiple are drawn again rather than folded (which would favour the first letters).
std::string randomText(std::string_view alphabet, std::size_t count)
{
    const std::size_t limit = 256 - 256 % alphabet.size();
    std::string text;
    while (text.size() < count) {
        std::array<unsigned char, 64> bytes{};
        randomBytes(bytes.data(), bytes.size());
        for (unsigned char b : bytes)
            if (b < limit && text.size() < count)
                text += alphabet[b % alphabet.size()];
    }
    return text;
}

/// SHA-256 fetched once: OpenSSL 3 otherwise looks the implementation up on every digest,
/// which costs more than the digest of a short secret.
const EVP_MD *sha256()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    return md;
}

Digest saltedHash(std::string_view salt, std::string_view secret)
{
    Digest digest{};
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    unsigned int length = 0;
    const bool ok = context && sha256() && EVP_DigestInit_ex(context, sha256(), nullptr) == 1
                    && EVP_DigestUpdate(context, salt.data(), salt.size()) == 1
                    && EVP_DigestUpdate(context, secret.data(), secret.size()) == 1
                    && EVP_DigestFinal_ex(context, digest.data(), &length) == 1 && length == kDigestBytes;
    EVP_MD_CTX_free(context);
    if (!ok)
        throw std::runtime_error("SHA-256 failed (OpenSSL EVP)");
    return digest;
}

std::string toHex(const unsigned char *data, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        hex += kDigits[data[i] >> 4];
        hex += kDigits[data[i] & 0x0f];
    }
    return hex;
}

/// The bytes of `hex` (lower-case, `bytes` long), or nothing.
std::optional<std::string> fromHex(std::string_view hex, std::size_t bytes)
{
    if (hex.size() != bytes * 2)
        return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = digit(hex[i]), low = digit(hex[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out += static_cast<char>(high * 16 + low);
    }
    return out;
}

bool isKeyId(std::string_view id)
{
    if (id.size() != kKeyIdPrefix.size() + kKeyIdRandomChars || !id.starts_with(kKeyIdPrefix))
        return false;
    return id.substr(kKeyIdPrefix.size()).find_first_not_of(kBase32) == std::string_view::npos;
}

std::string nowRfc3339() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString(); }

/// Which version of the file was read: a rename gives a new inode even when size and
/// modification time look the same.
struct FileStamp {
    bool exists = false;
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    std::int64_t modifiedNs = 0;
    bool operator==(const FileStamp &) const = default;
};

FileStamp stampOf(const std::string &path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return {};
        throw std::runtime_error(path + ": cannot read: " + errnoText(errno));
    }
    return {true, st.st_dev, st.st_ino, st.st_size,
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

/// The line (1-based) of byte `offset` in `text`.
int lineAt(const QByteArray &text, int offset)
{
    const QByteArray before = text.left(offset);
    return static_cast<int>(before.count('\n')) + 1;
}

std::string readFile(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error(path + ": cannot open: " + errnoText(errno));
    std::string text;
    char buffer[8192];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            throw std::runtime_error(path + ": cannot read: " + errnoText(error));
        }
        if (n == 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

/// The keys in `text`; throws naming the file and the line (syntax) or the field.
std::vector<StoredKey> parseKeys(const std::string &path, const std::string &text)
{
    const QByteArray bytes = QByteArray::fromStdString(text);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw std::runtime_error(path + ":" + std::to_string(lineAt(bytes, error.offset))
                                 + ": not valid JSON: " + error.errorString().toStdString());
    auto fail = [&](const std::string &field, const std::string &reason) {
        return std::runtime_error(path + ": " + field + ": " + reason);
    };
    if (!document.isObject())
        throw std::runtime_error(path + ": expected a JSON object with \"version\" and \"keys\"");
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("keys"))
            throw fail(it.key().toStdString(), "unknown field; expected version and keys");
    if (root.value(QLatin1String("version")).toInt(-1) != kFileVersion
        || !root.value(QLatin1String("version")).isDouble())
        throw fail("version", "must be " + std::to_string(kFileVersion) + " (a file of another version of vigil?)");
    if (!root.value(QLatin1String("keys")).isArray())
        throw fail("keys", "expected an array of keys");
    const QJsonArray keys = root.value(QLatin1String("keys")).toArray();
    std::vector<StoredKey> out;
    static const QStringList kFields{QStringLiteral("bot"),        QStringLiteral("key_id"),
                                     QStringLiteral("salt"),       QStringLiteral("secret_sha256"),
                                     QStringLiteral("created_at"), QStringLiteral("revoked_at")};
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const std::string at = "keys[" + std::to_string(i) + "]";
        if (!keys.at(i).isObject())
            throw fail(at, "expected an object");
        const QJsonObject entry = keys.at(i).toObject();
        for (auto it = entry.begin(); it != entry.end(); ++it)
            if (!kFields.contains(it.key()))
                throw fail(at + "." + it.key().toStdString(),
                           "unknown field; expected bot, key_id, salt, secret_sha256, created_at, revoked_at");
        auto field = [&](const char *name) {
            const QJsonValue value = entry.value(QLatin1String(name));
            if (!value.isString())
                throw fail(at + "." + name, value.isUndefined() ? "missing" : "expected a string");
            return value.toString().toStdString();
        };
        StoredKey k;
        k.key.botName = field("bot");
        if (!isValidBotName(k.key.botName))
            throw fail(at + ".bot", "\"" + k.key.botName + "\" is not a bot name (1 to 32 of a-z, 0-9 and _)");
        k.key.keyId = field("key_id");
        if (!isKeyId(k.key.keyId))
            throw fail(at + ".key_id", "\"" + k.key.keyId + "\" is not a key id (VK and 18 of A-Z, 2-7)");
        for (const StoredKey &earlier : out)
            if (earlier.key.keyId == k.key.keyId)
                throw fail(at + ".key_id", "duplicate key id " + k.key.keyId);
        const std::optional<std::string> salt = fromHex(field("salt"), kSaltBytes);
        if (!salt)
            throw fail(at + ".salt", "expected " + std::to_string(kSaltBytes * 2) + " lower-case hex digits");
        k.salt = *salt;
        const std::optional<std::string> hash = fromHex(field("secret_sha256"), kDigestBytes);
        if (!hash)
            throw fail(at + ".secret_sha256",
                       "expected " + std::to_string(kDigestBytes * 2) + " lower-case hex digits");
        std::memcpy(k.hash.data(), hash->data(), kDigestBytes);
        k.key.createdAt = field("created_at");
        if (!QDateTime::fromString(QString::fromStdString(k.key.createdAt), Qt::ISODateWithMs).isValid())
            throw fail(at + ".created_at", "\"" + k.key.createdAt + "\" is not an RFC 3339 time");
        const QJsonValue revoked = entry.value(QLatin1String("revoked_at"));
        if (!revoked.isNull() && !revoked.isUndefined()) {
            k.key.revokedAt = field("revoked_at");
            if (!QDateTime::fromString(QString::fromStdString(k.key.revokedAt), Qt::ISODateWithMs).isValid())
                throw fail(at + ".revoked_at", "\"" + k.key.revokedAt + "\" is not an RFC 3339 time (or null)");
        }
        out.push_back(std::move(k));
    }
    return out;
}

std::string serialise(const std::vector<StoredKey> &keys)
{
    QJsonArray array;
    for (const StoredKey &k : keys) {
        QJsonObject entry{
            {QStringLiteral("bot"), QString::fromStdString(k.key.botName)},
            {QStringLiteral("key_id"), QString::fromStdString(k.key.keyId)},
            {QStringLiteral("salt"),
             QString::fromStdString(toHex(reinterpret_cast<const unsigned char *>(k.salt.data()), k.salt.size()))},
            {QStringLiteral("secret_sha256"), QString::fromStdString(toHex(k.hash.data(), k.hash.size()))},
            {QStringLiteral("created_at"), QString::fromStdString(k.key.createdAt)},
            {QStringLiteral("revoked_at"), k.key.revokedAt.empty()
                                               ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(QString::fromStdString(k.key.revokedAt))},
        };
        array.append(entry);
    }
    const QJsonObject root{{QStringLiteral("version"), kFileVersion}, {QStringLiteral("keys"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

void writeAll(int fd, const std::string &text, const std::string &path)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw std::runtime_error(path + ": cannot write: " + errnoText(errno));
        done += static_cast<std::size_t>(n);
    }
}

/// Replaces `path` with `text`: a temporary file of mode 0600 beside it, written and
/// synced, renamed over it, and the directory synced, so a crash leaves the old file or the
/// new one, never a part of either.
void writeAtomically(const std::string &path, const std::string &text)
{
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error(temporary + ": cannot create: " + errnoText(errno));
    try {
        ::fchmod(fd, 0600); // an old temporary of another mode is truncated, not recreated
        writeAll(fd, text, temporary);
        if (::fsync(fd) != 0)
            throw std::runtime_error(temporary + ": cannot sync: " + errnoText(errno));
    } catch (...) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw std::runtime_error(path + ": cannot replace: " + errnoText(error));
    }
    const std::string dir = path.substr(0, path.find_last_of('/') + 1);
    const int dirFd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

/// Holds an exclusive lock on `<file>.lock` while it lives: two `vigil bot` commands at
/// once would otherwise each write what it read, and one change would be lost.
class WriterLock {
public:
    explicit WriterLock(const std::string &file)
        : m_fd(::open((file + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600))
    {
        if (m_fd < 0)
            throw std::runtime_error(file + ".lock: cannot open: " + errnoText(errno));
        while (::flock(m_fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                const int error = errno;
                ::close(m_fd);
                throw std::runtime_error(file + ".lock: cannot lock: " + errnoText(error));
            }
        }
    }
    ~WriterLock() { ::close(m_fd); }
    WriterLock(const WriterLock &) = delete;
    WriterLock &operator=(const WriterLock &) = delete;

private:
    int m_fd;
};

} // namespace

bool isValidBotName(std::string_view name)
{
    if (name.empty() || name.size() > 32)
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

struct BotKeyStore::State {
    std::string path;
    mutable std::mutex mutex;
    // The file as last read (guarded by mutex).
    mutable FileStamp stamp;
    mutable std::vector<StoredKey> keys;
    mutable std::string loadError;     ///< why the file as stamped cannot be used ("": it can)
    mutable std::string reportedError; ///< the last error authenticate() logged
    mutable bool loaded = false;
    /// What an unknown key id is hashed against, so that it costs what a known one does.
    StoredKey dummy;

    /// Reads the file again if it changed since it was read (mutex held). Throws when it
    /// cannot be read or is malformed, for as long as it stays so; the store then holds no
    /// key.
    void refresh() const
    {
        const FileStamp now = stampOf(path);
        if (loaded && now == stamp) {
            if (!loadError.empty())
                throw std::runtime_error(loadError);
            return;
        }
        keys.clear();
        stamp = now;
        loaded = true;
        loadError.clear();
        try {
            if (now.exists)
                keys = parseKeys(path, readFile(path));
        } catch (const std::exception &e) {
            loadError = e.what();
            throw;
        }
    }
};

BotKeyStore::BotKeyStore(const QString &dataDir)
    : m_state(std::make_unique<State>())
{
    m_state->path = (dataDir + QStringLiteral("/bot-keys.json")).toStdString();
    m_state->dummy.salt = randomText(kSecretAlphabet, kSaltBytes);
    m_state->dummy.hash = saltedHash(m_state->dummy.salt, randomText(kSecretAlphabet, kSecretChars));
}

BotKeyStore::~BotKeyStore() = default;

NewBotKey BotKeyStore::add(const std::string &botName)
{
    if (!isValidBotName(botName))
        throw std::runtime_error("\"" + botName + "\" is not a bot name (1 to 32 of a-z, 0-9 and _)");
    State &s = *m_state;
    const WriterLock lock(s.path);
    const std::lock_guard guard(s.mutex);
    s.loaded = false; // another process may have written since: read what is there now
    s.refresh();
    NewBotKey made;
    do
        made.keyId = std::string(kKeyIdPrefix) + randomText(kBase32, kKeyIdRandomChars);
    while (std::any_of(s.keys.begin(), s.keys.end(), [&](const StoredKey &k) { return k.key.keyId == made.keyId; }));
    made.secret = randomText(kSecretAlphabet, kSecretChars);
    StoredKey stored;
    stored.key = BotKey{botName, made.keyId, nowRfc3339(), {}};
    std::array<unsigned char, kSaltBytes> salt{};
    randomBytes(salt.data(), salt.size());
    stored.salt.assign(reinterpret_cast<const char *>(salt.data()), salt.size());
    stored.hash = saltedHash(stored.salt, made.secret);
    std::vector<StoredKey> next = s.keys;
    next.push_back(std::move(stored));
    writeAtomically(s.path, serialise(next));
    s.loaded = false; // read back on the next call, stamp and all
    return made;
}

std::vector<BotKey> BotKeyStore::list() const
{
    const std::lock_guard guard(m_state->mutex);
    m_state->refresh();
    std::vector<BotKey> out;
    for (const StoredKey &k : m_state->keys)
        out.push_back(k.key);
    return out;
}

int BotKeyStore::revoke(const std::string &botNameOrKeyId)
{
    State &s = *m_state;
    const WriterLock lock(s.path);
    const std::lock_guard guard(s.mutex);
    s.loaded = false;
    s.refresh();
    std::vector<StoredKey> next = s.keys;
    const std::string now = nowRfc3339();
    int revoked = 0;
    for (StoredKey &k : next) {
        if (k.key.revokedAt.empty() && (k.key.botName == botNameOrKeyId || k.key.keyId == botNameOrKeyId)) {
            k.key.revokedAt = now;
            ++revoked;
        }
    }
    if (revoked > 0) {
        writeAtomically(s.path, serialise(next));
        s.loaded = false;
    }
    return revoked;
}

std::optional<std::string> BotKeyStore::authenticate(std::string_view keyId, std::string_view secret) const
{
    const State &s = *m_state;
    const std::lock_guard guard(s.mutex);
    try {
        s.refresh();
        s.reportedError.clear();
    } catch (const std::exception &e) {
        // Fail closed: a file that cannot be read grants nothing. Logged once per problem.
        if (s.reportedError != e.what()) {
            s.reportedError = e.what();
            spdlog::error("bot keys: {}; every bot key is refused until it is fixed", s.reportedError);
        }
        return std::nullopt;
    }
    // Every stored key id is compared, in full and in constant time, whatever matches; the
    // secret is then hashed against the match or, when none, the dummy.
    const StoredKey *match = nullptr;
    for (const StoredKey &k : s.keys) {
        const bool sameLength = k.key.keyId.size() == keyId.size();
        const bool same = sameLength && CRYPTO_memcmp(k.key.keyId.data(), keyId.data(), keyId.size()) == 0;
        if (same)
            match = &k;
    }
    const StoredKey &against = match ? *match : s.dummy;
    const Digest hash = saltedHash(against.salt, secret);
    const bool secretHolds = CRYPTO_memcmp(hash.data(), against.hash.data(), kDigestBytes) == 0;
    if (!match || !secretHolds || !match->key.revokedAt.empty())
        return std::nullopt;
    return match->key.botName;
}

bool BotKeyStore::inForce(std::string_view keyId) const
{
    const State &s = *m_state;
    const std::lock_guard guard(s.mutex);
    try {
        s.refresh();
    } catch (const std::exception &) {
        return false; // fail closed, as authenticate() does (it logs the problem)
    }
    return std::any_of(s.keys.begin(), s.keys.end(),
                       [&](const StoredKey &k) { return k.key.keyId == keyId && k.key.revokedAt.empty(); });
}

} // namespace vigil::gateway
