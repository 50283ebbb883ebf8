#include "api/ConfigLoader.h"

#include "api/AlertText.h"
#include "api/BotKeys.h"

#include "core/EngineText.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QUrl>

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <sstream>
#include <utility>

namespace vigil {

std::string ConfigError::toString() const
{
    std::string text = file;
    if (line > 0)
        text += ':' + std::to_string(line);
    text += ": ";
    if (!key.empty())
        text += key + ": ";
    text += reason;
    return text;
}

namespace {

constexpr int kSecondsPerDay = 24 * 3600;
constexpr int kSessionOpenSecond = 9 * 3600 + 30 * 60;
constexpr int kSessionCloseSecond = 16 * 3600;
constexpr std::size_t kMaxSymbols = 500;
constexpr std::size_t kMaxSymbolLength = 10;

// ---------------------------------------------------------------------------------------
// Text helpers

std::string inQuotes(std::string_view text) { return '"' + std::string(text) + '"'; }

std::string formatNumber(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string joinPath(const std::string &path, std::string_view name)
{
    return path.empty() ? std::string(name) : path + '.' + std::string(name);
}

std::string indexPath(const std::string &path, std::size_t index) { return path + '[' + std::to_string(index) + ']'; }

std::string describeType(toml::node_type type)
{
    switch (type) {
    case toml::node_type::table: return engineTr("Configuration", "a table");
    case toml::node_type::array: return engineTr("Configuration", "an array");
    case toml::node_type::string: return engineTr("Configuration", "a string");
    case toml::node_type::integer: return engineTr("Configuration", "an integer");
    case toml::node_type::floating_point: return engineTr("Configuration", "a float");
    case toml::node_type::boolean: return engineTr("Configuration", "a boolean");
    case toml::node_type::date: return engineTr("Configuration", "a date");
    case toml::node_type::time: return engineTr("Configuration", "a time");
    case toml::node_type::date_time: return engineTr("Configuration", "a date-time");
    case toml::node_type::none: break;
    }
    return engineTr("Configuration", "nothing");
}

std::string clockText(int secondOfDay)
{
    char text[16]; // room for any int, so the compiler can prove no truncation
    std::snprintf(text, sizeof text, "%02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
    return text;
}

/// Seconds since midnight of "HH:MM:SS" (two digits each, 24-hour clock).
std::optional<int> parseClockText(std::string_view text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':')
        return std::nullopt;
    int fields[3] = {};
    for (int field = 0; field < 3; ++field) {
        const char tens = text[static_cast<std::size_t>(field) * 3];
        const char units = text[static_cast<std::size_t>(field) * 3 + 1];
        if (tens < '0' || tens > '9' || units < '0' || units > '9')
            return std::nullopt;
        fields[field] = (tens - '0') * 10 + (units - '0');
    }
    if (fields[0] > 23 || fields[1] > 59 || fields[2] > 59)
        return std::nullopt;
    return fields[0] * 3600 + fields[1] * 60 + fields[2];
}

bool isValidSymbol(std::string_view symbol)
{
    if (symbol.empty() || symbol.size() > kMaxSymbolLength)
        return false;
    return std::all_of(symbol.begin(), symbol.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'; });
}

std::size_t editDistance(std::string_view from, std::string_view to)
{
    std::vector<std::size_t> previous(to.size() + 1);
    std::vector<std::size_t> current(to.size() + 1);
    for (std::size_t j = 0; j <= to.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= from.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= to.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[to.size()];
}

/// A key name that can only mean a broker's credentials. The file is copied into backups and
/// shown in reports, so a secret written there would leak: refused, with the way to give it.
bool looksLikeBrokerKey(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view part : {"key_id", "keyid", "secret", "api_key", "apikey", "apca"})
        if (lower.find(part) != std::string::npos)
            return true;
    return false;
}

bool isAlpacaVenueKey(std::string_view name)
{
    for (std::string_view key :
         {"environment", "live_trading", "rest_url", "stream_url", "data_stream_url", "data_rest_url", "feed",
          "requests_per_minute", "request_timeout_ms", "reconnect_min_ms", "reconnect_max_ms", "data_silence_ms",
          "rest_fallback_interval_ms"})
        if (name == key)
            return true;
    return false;
}

enum class UrlKind { Http, WebSocket };

/// Why `text` cannot be one of Alpaca's base URLs, or empty. The keys travel in every
/// request's headers and the streams' first message: only TLS may carry them off this
/// machine, plain http/ws only to a loopback host (tests, a local proxy).
std::string alpacaUrlProblem(const std::string &text, UrlKind kind)
{
    const QUrl url(QString::fromStdString(text), QUrl::StrictMode);
    const QString secure = kind == UrlKind::Http ? QStringLiteral("https") : QStringLiteral("wss");
    const QString plain = kind == UrlKind::Http ? QStringLiteral("http") : QStringLiteral("ws");
    const std::string expected = "expected " + secure.toStdString() + "://host[:port][/path], or " + plain.toStdString()
                                 + "://127.0.0.1 for a loopback server";
    if (!url.isValid() || url.host().isEmpty())
        return "is not a URL with a host; " + expected;
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return "must not carry a user, a password, a query or a fragment; " + expected;
    const QString scheme = url.scheme().toLower();
    if (scheme == secure)
        return {};
    if (scheme != plain)
        return "has the wrong scheme; " + expected;
    const QString host = url.host().toLower();
    const QHostAddress address(host);
    if (host == QStringLiteral("localhost") || (!address.isNull() && address.isLoopback()))
        return {};
    return "would send the keys in clear to a host that is not loopback; " + expected;
}

/// "unknown key" plus the likeliest intended key, or the list of keys the table accepts
/// when nothing is close: either way the operator sees how to fix it without the docs.
std::string unknownKeyReason(std::string_view name, std::initializer_list<std::string_view> known)
{
    if (looksLikeBrokerKey(name))
        return "keys are never in the configuration: use vigil broker set-keys or APCA_API_KEY_ID / "
               "APCA_API_SECRET_KEY";
    std::string_view closest;
    std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (std::string_view candidate : known) {
        const std::size_t distance = editDistance(name, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            closest = candidate;
        }
    }
    if (!closest.empty())
        return engineTr("Configuration", "unknown key; did you mean %1?").arg(inQuotes(closest));
    std::string keys;
    for (std::string_view candidate : known)
        keys += (keys.empty() ? "" : ", ") + std::string(candidate);
    return engineTr("Configuration", "unknown key; expected one of: %1").arg(keys);
}

// ---------------------------------------------------------------------------------------
// Syntax errors

bool isBareKeyCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
           || c == '.';
}

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

/// The table named by a "[name]" or "[[name]]" header line, with whether it is an array
/// of tables; nullopt when the line is not a header.
std::optional<std::pair<std::string, bool>> headerOf(std::string_view line)
{
    line = trimmed(line.substr(0, line.find('#')));
    const bool isArray = line.starts_with("[[") && line.ends_with("]]");
    const std::size_t brackets = isArray ? 2 : 1;
    if (line.size() <= 2 * brackets || line.front() != '[' || line.back() != ']')
        return std::nullopt;
    std::string name;
    for (char c : line.substr(brackets, line.size() - 2 * brackets)) {
        if (c == ' ' || c == '\t')
            continue;
        if (!isBareKeyCharacter(c))
            return std::nullopt;
        name += c;
    }
    return std::make_pair(name, isArray);
}

/// The dotted key of a "key = value" line, given the table it sits in.
std::string assignedKey(std::string_view line, const std::string &table)
{
    line = trimmed(line);
    std::size_t end = 0;
    while (end < line.size() && isBareKeyCharacter(line[end]))
        ++end;
    if (end == 0 || trimmed(line.substr(end)).substr(0, 1) != "=")
        return {};
    return joinPath(table, line.substr(0, end));
}

/// toml++ reports where parsing stopped, not which key it was reading. For the common
/// case of a bad value on a "key = value" line, recover that key (and its table, counting
/// [[array]] headers for the index) so a syntax error reads like every other error.
std::string keyAtLine(std::string_view text, int errorLine)
{
    std::string table;
    std::map<std::string, std::size_t> arrayCounts;
    int lineNumber = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t newline = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, newline - start);
        ++lineNumber;
        const auto header = headerOf(line);
        if (lineNumber == errorLine)
            return header ? std::string() : assignedKey(line, table);
        if (header && header->second)
            table = indexPath(header->first, arrayCounts[header->first]++);
        else if (header)
            table = header->first;
        start = newline + 1;
    }
    return {};
}

// ---------------------------------------------------------------------------------------
// Validation

/// Whether a key was absent (the default stands), present and valid (assigned), or
/// present and invalid (an error was recorded). Cross-key checks skip invalid keys so one
/// mistake is reported once, not again through every rule that involves it.
enum class Field { Absent, Valid, Invalid };

struct FloatRange {
    double min;
    double max;
    bool minInclusive = true;

    bool contains(double value) const { return (minInclusive ? value >= min : value > min) && value <= max; }
    std::string describe() const
    {
        if (minInclusive)
            return engineTr("Configuration", "must be between %1 and %2").arg(formatNumber(min), formatNumber(max));
        return engineTr("Configuration", "must be greater than %1 and at most %2")
            .arg(formatNumber(min), formatNumber(max));
    }
};

enum class MoneyRule { Positive, NonNegative };

class ConfigParser {
public:
    explicit ConfigParser(std::string sourceName)
        : m_sourceName(std::move(sourceName))
    {}

    ConfigLoadResult parse(std::string_view text);

private:
    // Errors
    void addError(std::string key, int line, std::string reason);
    void addError(std::string key, const toml::node *node, std::string reason);
    void addSyntaxError(const toml::parse_error &error, std::string_view text);
    static int lineOf(const toml::node *node);

    // Structure
    void checkKnownKeys(const toml::table &table, const std::string &path,
                        std::initializer_list<std::string_view> known);
    const toml::table *optionalTable(const toml::table *parent, std::string_view name, const std::string &path);
    const toml::array *optionalArrayOfTables(const toml::table *table, std::string_view name, const std::string &path);
    const toml::table *tableElement(const toml::array &array, std::size_t index, const std::string &path);
    bool requireKey(const toml::table &table, std::string_view name, const std::string &path, std::string_view why);
    void forbidKey(const toml::table &table, std::string_view name, const std::string &path, std::string_view why);

    // Values
    template<typename Integer>
    Field readInteger(const toml::table *table, std::string_view name, const std::string &path, std::int64_t min,
                      std::int64_t max, Integer &target);
    Field readFloat(const toml::table *table, std::string_view name, const std::string &path, FloatRange range,
                    double &target);
    Field readBool(const toml::table *table, std::string_view name, const std::string &path, bool &target);
    Field readString(const toml::table *table, std::string_view name, const std::string &path, std::string &target);
    template<typename Tag>
    Field readDecimal(const toml::table *table, std::string_view name, const std::string &path, MoneyRule rule,
                      Fixed4<Tag> &target);
    Field readClock(const toml::table *table, std::string_view name, const std::string &path, int minSecond,
                    int maxSecond, int &target);
    Field readDate(const toml::table *table, std::string_view name, const std::string &path,
                   std::optional<Date> &target);
    Field readSymbolList(const toml::table *table, std::string_view name, const std::string &path,
                         std::vector<std::string> &target);

    // Cross-key rules
    void checkOrder(const toml::table *table, const std::string &path, std::string_view dependent,
                    std::string_view reference, bool holds, const std::string &reason);

    // Sections
    void parseRoot(const toml::table &root);
    void parseSimulator(const toml::table &root);
    void parseSymbols(const toml::table &simulator, const std::string &path);
    void parseSymbol(const toml::table &table, const std::string &path, SymbolSpec &symbol,
                     std::map<std::string, std::string> &firstDefinition);
    void parseFaults(const toml::table &simulator, const std::string &path);
    void parseFault(const toml::table &table, const std::string &path, FaultSpec &fault);
    void parseVenue(const toml::table &root);
    void parseAlpacaVenue(const toml::table &table, const std::string &path);
    Field readAlpacaUrl(const toml::table &table, std::string_view name, const std::string &path, UrlKind kind,
                        std::string &target);
    void parseBroker(const toml::table &root);
    void parseSimulatedBroker(const toml::table *broker, const std::string &path);
    void parseStrategies(const toml::table &root);
    void parseIntraday(const toml::table *strategies, const std::string &path);
    void parseSwing(const toml::table *strategies, const std::string &path);
    void parseRisk(const toml::table &root);
    void parseChecklists(const toml::table &root);
    void parseBackup(const toml::table &root);
    void parseReconciliation(const toml::table &root);
    void parsePaths(const toml::table &root);
    void parseGateway(const toml::table &root);
    void parseAlerts(const toml::table &root);
    void parseIncidents(const toml::table &root);
    void parseWebhook(const toml::table &alerts, const std::string &path);
    void parseEmail(const toml::table &alerts, const std::string &path);
    Field readLevels(const toml::table *table, std::string_view name, const std::string &path,
                     std::vector<int> &target);
    void parseBots(const toml::table &root);
    void parseBot(const toml::table &table, const std::string &path, BotConfig &bot,
                  std::map<std::string, std::string> &names, std::map<std::string, std::string> &codes);
    Field readCommand(const toml::table &table, const std::string &path, std::vector<std::string> &target);

    std::string m_sourceName;
    std::vector<ConfigError> m_errors;
    Config m_config = defaultConfig();
    /// False when a simulator symbol entry was unusable: membership checks against the
    /// universe would then report symbols that are only missing because of that error.
    bool m_universeComplete = true;
};

void ConfigParser::addError(std::string key, int line, std::string reason)
{
    m_errors.push_back(ConfigError{m_sourceName, std::move(key), std::move(reason), line});
}

void ConfigParser::addError(std::string key, const toml::node *node, std::string reason)
{
    addError(std::move(key), lineOf(node), std::move(reason));
}

void ConfigParser::addSyntaxError(const toml::parse_error &error, std::string_view text)
{
    const auto &begin = error.source().begin;
    const int line = static_cast<int>(begin.line);
    std::string reason =
        begin.column > 0
            ? engineTr("Configuration", "TOML syntax error: %1 (column %2)").arg(error.description(), begin.column)
            : engineTr("Configuration", "TOML syntax error: %1").arg(error.description());
    addError(keyAtLine(text, line), line, std::move(reason));
}

int ConfigParser::lineOf(const toml::node *node) { return node ? static_cast<int>(node->source().begin.line) : 0; }

void ConfigParser::checkKnownKeys(const toml::table &table, const std::string &path,
                                  std::initializer_list<std::string_view> known)
{
    for (const auto &[key, node] : table) {
        const std::string_view name = key.str();
        if (std::find(known.begin(), known.end(), name) != known.end())
            continue;
        addError(joinPath(path, name), static_cast<int>(key.source().begin.line), unknownKeyReason(name, known));
    }
}

const toml::table *ConfigParser::optionalTable(const toml::table *parent, std::string_view name,
                                               const std::string &path)
{
    if (!parent)
        return nullptr;
    const toml::node *node = parent->get(name);
    if (!node)
        return nullptr;
    if (const toml::table *table = node->as_table())
        return table;
    addError(path, node,
             engineTr("Configuration", "expected a table ([%1]), found %2").arg(path, describeType(node->type())));
    return nullptr;
}

const toml::array *ConfigParser::optionalArrayOfTables(const toml::table *table, std::string_view name,
                                                       const std::string &path)
{
    if (!table)
        return nullptr;
    const toml::node *node = table->get(name);
    if (!node)
        return nullptr;
    if (const toml::array *array = node->as_array())
        return array;
    addError(path, node,
             engineTr("Configuration", "expected an array of tables ([[%1]]), found %2")
                 .arg(path, describeType(node->type())));
    return nullptr;
}

const toml::table *ConfigParser::tableElement(const toml::array &array, std::size_t index, const std::string &path)
{
    const toml::node *node = array.get(index);
    if (const toml::table *table = node->as_table())
        return table;
    addError(indexPath(path, index), node,
             engineTr("Configuration", "expected a table, found %1").arg(describeType(node->type())));
    return nullptr;
}

bool ConfigParser::requireKey(const toml::table &table, std::string_view name, const std::string &path,
                              std::string_view why)
{
    if (table.get(name))
        return true;
    addError(joinPath(path, name), &table, "missing; required " + std::string(why));
    return false;
}

void ConfigParser::forbidKey(const toml::table &table, std::string_view name, const std::string &path,
                             std::string_view why)
{
    if (const toml::node *node = table.get(name))
        addError(joinPath(path, name), node, "not allowed " + std::string(why));
}

template<typename Integer>
Field ConfigParser::readInteger(const toml::table *table, std::string_view name, const std::string &path,
                                std::int64_t min, std::int64_t max, Integer &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    const auto *integer = node->as_integer();
    if (!integer) {
        addError(key, node, engineTr("Configuration", "expected an integer, found %1").arg(describeType(node->type())));
        return Field::Invalid;
    }
    const std::int64_t value = integer->get();
    if (value < min || value > max) {
        addError(key, node, engineTr("Configuration", "must be between %1 and %2, found %3").arg(min, max, value));
        return Field::Invalid;
    }
    target = static_cast<Integer>(value);
    return Field::Valid;
}

Field ConfigParser::readFloat(const toml::table *table, std::string_view name, const std::string &path,
                              FloatRange range, double &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    // An integer is an exact float ("speed = 60"); accepting it spares the operator a
    // pointless ".0".
    std::optional<double> value;
    if (const auto *floating = node->as_floating_point())
        value = floating->get();
    else if (const auto *integer = node->as_integer())
        value = static_cast<double>(integer->get());
    if (!value) {
        addError(key, node, engineTr("Configuration", "expected a number, found %1").arg(describeType(node->type())));
        return Field::Invalid;
    }
    if (!std::isfinite(*value) || !range.contains(*value)) {
        addError(key, node, engineTr("Configuration", "%1, found %2").arg(range.describe(), formatNumber(*value)));
        return Field::Invalid;
    }
    target = *value;
    return Field::Valid;
}

Field ConfigParser::readBool(const toml::table *table, std::string_view name, const std::string &path, bool &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const auto *boolean = node->as_boolean();
    if (!boolean) {
        addError(
            joinPath(path, name), node,
            engineTr("Configuration", "expected a boolean (true or false), found %1").arg(describeType(node->type())));
        return Field::Invalid;
    }
    target = boolean->get();
    return Field::Valid;
}

Field ConfigParser::readString(const toml::table *table, std::string_view name, const std::string &path,
                               std::string &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const auto *string = node->as_string();
    if (!string) {
        addError(joinPath(path, name), node,
                 engineTr("Configuration", "expected a string, found %1").arg(describeType(node->type())));
        return Field::Invalid;
    }
    target = string->get();
    return Field::Valid;
}

template<typename Tag>
Field ConfigParser::readDecimal(const toml::table *table, std::string_view name, const std::string &path,
                                MoneyRule rule, Fixed4<Tag> &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    const auto *string = node->as_string();
    if (!string) {
        // A TOML float is binary floating point: "0.1" would not be 0.1. Money is exact
        // to 1/10000 everywhere else, so the file must be too.
        addError(key, node,
                 engineTr("Configuration", "expected a decimal amount, found %1; use a quoted decimal string such "
                                           "as \"228.50\" so the amount stays exact")
                     .arg(describeType(node->type())));
        return Field::Invalid;
    }
    const std::optional<Fixed4<Tag>> value = Fixed4<Tag>::parse(string->get());
    if (!value) {
        addError(key, node,
                 engineTr("Configuration", "%1 is not a decimal amount (digits, an optional point and at most 4 "
                                           "decimals)")
                     .arg(inQuotes(string->get())));
        return Field::Invalid;
    }
    const bool positive = value->raw() > 0;
    if (rule == MoneyRule::Positive && !positive) {
        addError(key, node, engineTr("Configuration", "must be greater than 0, found %1").arg(inQuotes(string->get())));
        return Field::Invalid;
    }
    if (rule == MoneyRule::NonNegative && value->raw() < 0) {
        addError(key, node, engineTr("Configuration", "must not be negative, found %1").arg(inQuotes(string->get())));
        return Field::Invalid;
    }
    target = *value;
    return Field::Valid;
}

Field ConfigParser::readClock(const toml::table *table, std::string_view name, const std::string &path, int minSecond,
                              int maxSecond, int &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    std::optional<int> second;
    if (const auto *string = node->as_string()) {
        second = parseClockText(string->get());
        if (!second) {
            addError(key, node,
                     inQuotes(string->get()) + " is not a time of day; expected \"HH:MM:SS\" (24-hour, New York time)");
            return Field::Invalid;
        }
    } else if (const auto *time = node->as_time()) {
        // An unquoted 09:30:00 is a TOML local time: the same thing, so take it.
        const toml::time &clock = time->get();
        if (clock.nanosecond != 0) {
            addError(key, node, "must be whole seconds (\"HH:MM:SS\")");
            return Field::Invalid;
        }
        second = clock.hour * 3600 + clock.minute * 60 + clock.second;
    } else {
        addError(key, node, "expected a time of day \"HH:MM:SS\", found " + describeType(node->type()));
        return Field::Invalid;
    }
    if (*second < minSecond || *second > maxSecond) {
        addError(key, node,
                 "must be between " + clockText(minSecond) + " and " + clockText(maxSecond) + ", found "
                     + clockText(*second));
        return Field::Invalid;
    }
    target = *second;
    return Field::Valid;
}

Field ConfigParser::readSymbolList(const toml::table *table, std::string_view name, const std::string &path,
                                   std::vector<std::string> &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    const toml::array *array = node->as_array();
    if (!array) {
        addError(key, node, "expected an array of symbol strings, found " + describeType(node->type()));
        return Field::Invalid;
    }
    std::vector<std::string> symbols;
    bool valid = true;
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::node *element = array->get(index);
        const std::string elementKey = indexPath(key, index);
        const auto *string = element->as_string();
        if (!string) {
            addError(elementKey, element, "expected a symbol string, found " + describeType(element->type()));
            valid = false;
            continue;
        }
        const std::string &symbol = string->get();
        if (std::find(symbols.begin(), symbols.end(), symbol) != symbols.end()) {
            addError(elementKey, element, "duplicate symbol " + inQuotes(symbol));
            valid = false;
            continue;
        }
        const auto &universe = m_config.simulator.symbols;
        const bool known = std::any_of(universe.begin(), universe.end(),
                                       [&](const SymbolSpec &spec) { return spec.symbol == symbol; });
        if (!known && m_universeComplete) {
            addError(elementKey, element,
                     "symbol " + inQuotes(symbol) + " is not in the simulator universe (simulator.symbols)");
            valid = false;
            continue;
        }
        symbols.push_back(symbol);
    }
    if (!valid)
        return Field::Invalid;
    target = std::move(symbols);
    return Field::Valid;
}

/// Reports a violated rule between two keys of one table on the key the operator wrote:
/// the dependent one if present, else the reference one; only when neither is in the
/// file (both defaults) does the error carry no line.
void ConfigParser::checkOrder(const toml::table *table, const std::string &path, std::string_view dependent,
                              std::string_view reference, bool holds, const std::string &reason)
{
    if (holds)
        return;
    const toml::node *dependentNode = table ? table->get(dependent) : nullptr;
    const toml::node *referenceNode = table ? table->get(reference) : nullptr;
    if (!dependentNode && referenceNode)
        addError(joinPath(path, reference), referenceNode, reason);
    else
        addError(joinPath(path, dependent), dependentNode, reason);
}

// ---------------------------------------------------------------------------------------
// Sections

ConfigLoadResult ConfigParser::parse(std::string_view text)
{
    try {
        const toml::table root = toml::parse(text, m_sourceName);
        parseRoot(root);
    } catch (const toml::parse_error &error) {
        addSyntaxError(error, text);
    }
    // File order reads best; errors without a line (rules broken by defaults) go last.
    std::stable_sort(m_errors.begin(), m_errors.end(), [](const ConfigError &a, const ConfigError &b) {
        const int lineA = a.line > 0 ? a.line : std::numeric_limits<int>::max();
        const int lineB = b.line > 0 ? b.line : std::numeric_limits<int>::max();
        return lineA < lineB;
    });
    ConfigLoadResult result;
    result.errors = std::move(m_errors);
    if (result.errors.empty()) {
        m_config.sourceFile = m_sourceName;
        m_config.sourceSha256 =
            QCryptographicHash::hash(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())),
                                     QCryptographicHash::Sha256)
                .toHex()
                .toStdString();
        result.config = std::move(m_config);
    }
    return result;
}

void ConfigParser::parseRoot(const toml::table &root)
{
    checkKnownKeys(root, "",
                   {"venue", "simulator", "broker", "strategies", "risk", "checklists", "backup", "reconciliation",
                    "paths", "gateway", "bots", "alerts", "incidents"});
    parseVenue(root);
    // The simulator first: the strategies' symbol lists are checked against its universe.
    parseSimulator(root);
    parseBroker(root);
    parseStrategies(root);
    parseRisk(root);
    parseChecklists(root);
    parseBackup(root);
    parseReconciliation(root);
    parsePaths(root);
    parseGateway(root);
    parseBots(root);
    parseAlerts(root);
    parseIncidents(root);
}

void ConfigParser::parseSimulator(const toml::table &root)
{
    const std::string path = "simulator";
    const toml::table *table = optionalTable(&root, "simulator", path);
    if (!table)
        return;
    checkKnownKeys(*table, path, {"speed", "feed_latency_min_us", "feed_latency_mean_us", "symbols", "faults"});
    SimulatorConfig &simulator = m_config.simulator;
    readFloat(table, "speed", path, {0.0, 10'000.0}, simulator.speed);
    const Field minimum = readInteger(table, "feed_latency_min_us", path, 0, 1'000'000, simulator.feedLatencyMinUs);
    const Field mean = readInteger(table, "feed_latency_mean_us", path, 0, 1'000'000, simulator.feedLatencyMeanUs);
    if (minimum != Field::Invalid && mean != Field::Invalid)
        checkOrder(table, path, "feed_latency_mean_us", "feed_latency_min_us",
                   simulator.feedLatencyMeanUs >= simulator.feedLatencyMinUs,
                   "feed_latency_mean_us (" + std::to_string(simulator.feedLatencyMeanUs)
                       + ") must be at least feed_latency_min_us (" + std::to_string(simulator.feedLatencyMinUs) + ")");
    parseSymbols(*table, path + ".symbols");
    parseFaults(*table, path + ".faults");
}

void ConfigParser::parseSymbols(const toml::table &simulator, const std::string &path)
{
    const toml::array *array = optionalArrayOfTables(&simulator, "symbols", path);
    if (!array) {
        m_universeComplete = !simulator.get("symbols");
        return;
    }
    // Present: the file's universe replaces the built-in one entirely, so a short list
    // runs a small, fast simulation.
    m_config.simulator.symbols.clear();
    if (array->empty() || array->size() > kMaxSymbols) {
        addError(path, array,
                 "must list between 1 and " + std::to_string(kMaxSymbols) + " symbols, found "
                     + std::to_string(array->size()));
        m_universeComplete = false;
        return;
    }
    std::map<std::string, std::string> firstDefinition;
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::table *table = tableElement(*array, index, path);
        SymbolSpec symbol{};
        if (!table) {
            m_universeComplete = false;
            continue;
        }
        parseSymbol(*table, indexPath(path, index), symbol, firstDefinition);
        m_config.simulator.symbols.push_back(std::move(symbol));
    }
}

void ConfigParser::parseSymbol(const toml::table &table, const std::string &path, SymbolSpec &symbol,
                               std::map<std::string, std::string> &firstDefinition)
{
    checkKnownKeys(table, path, {"symbol", "reference_price", "annual_volatility", "mean_quote_interval_ms"});
    // A symbol has no sensible default price or behaviour, so each entry spells out all.
    const std::string_view why = "in every [[simulator.symbols]] entry";
    for (std::string_view name : {"symbol", "reference_price", "annual_volatility", "mean_quote_interval_ms"})
        requireKey(table, name, path, why);

    const Field symbolField = readString(&table, "symbol", path, symbol.symbol);
    if (symbolField == Field::Valid && !isValidSymbol(symbol.symbol)) {
        addError(path + ".symbol", table.get("symbol"),
                 inQuotes(symbol.symbol) + " is not a valid symbol: 1 to 10 characters among A-Z, 0-9 and '.'");
    } else if (symbolField == Field::Valid) {
        const auto [first, inserted] = firstDefinition.try_emplace(symbol.symbol, path);
        if (!inserted)
            addError(path + ".symbol", table.get("symbol"),
                     "duplicate symbol " + inQuotes(symbol.symbol) + " (already defined by " + first->second + ")");
    }
    if (symbolField != Field::Valid)
        m_universeComplete = false;
    readDecimal(&table, "reference_price", path, MoneyRule::Positive, symbol.referencePrice);
    readFloat(&table, "annual_volatility", path, {0.05, 3.0}, symbol.annualVolatility);
    readInteger(&table, "mean_quote_interval_ms", path, 20, 60'000, symbol.meanQuoteIntervalMs);
}

void ConfigParser::parseFaults(const toml::table &simulator, const std::string &path)
{
    const toml::array *array = optionalArrayOfTables(&simulator, "faults", path);
    if (!array)
        return;
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::table *table = tableElement(*array, index, path);
        if (!table)
            continue;
        FaultSpec fault;
        parseFault(*table, indexPath(path, index), fault);
        m_config.simulator.faults.push_back(fault);
    }
}

struct FaultKindName {
    std::string_view name;
    FaultKind kind;
};

constexpr FaultKindName kFaultKinds[] = {
    {"disconnect", FaultKind::Disconnect},
    {"error_burst", FaultKind::ErrorBurst},
    {"latency_spike", FaultKind::LatencySpike},
    {"silent_feed", FaultKind::SilentFeed},
};

void ConfigParser::parseFault(const toml::table &table, const std::string &path, FaultSpec &fault)
{
    checkKnownKeys(table, path, {"kind", "at", "duration_s", "count", "extra_latency_ms"});
    requireKey(table, "at", path, "in every [[simulator.faults]] entry");
    readClock(&table, "at", path, 0, kSecondsPerDay - 1, fault.startSecondOfDay);
    if (!requireKey(table, "kind", path, "in every [[simulator.faults]] entry"))
        return;
    std::string kindName;
    if (readString(&table, "kind", path, kindName) != Field::Valid)
        return;
    const auto *match = std::find_if(std::begin(kFaultKinds), std::end(kFaultKinds),
                                     [&](const FaultKindName &entry) { return entry.name == kindName; });
    if (match == std::end(kFaultKinds)) {
        addError(path + ".kind", table.get("kind"),
                 "unknown fault kind " + inQuotes(kindName)
                     + "; expected one of: disconnect, error_burst, latency_spike, silent_feed");
        return;
    }
    fault.kind = match->kind;
    // Each kind needs exactly its own parameters; a stray one (say, a count on a
    // disconnect) means the operator expected an effect that would not happen.
    const std::string forKind = "for kind " + inQuotes(kindName);
    const bool timed = fault.kind != FaultKind::ErrorBurst;
    const bool spike = fault.kind == FaultKind::LatencySpike;
    if (timed && requireKey(table, "duration_s", path, forKind))
        readInteger(&table, "duration_s", path, 1, kSecondsPerDay, fault.durationSeconds);
    if (!timed)
        forbidKey(table, "duration_s", path, forKind);
    if (!timed && requireKey(table, "count", path, forKind))
        readInteger(&table, "count", path, 1, 10'000, fault.count);
    if (timed)
        forbidKey(table, "count", path, forKind);
    if (spike && requireKey(table, "extra_latency_ms", path, forKind))
        readInteger(&table, "extra_latency_ms", path, 1, 600'000, fault.extraLatencyMs);
    if (!spike)
        forbidKey(table, "extra_latency_ms", path, forKind);
}

void ConfigParser::parseVenue(const toml::table &root)
{
    const std::string path = "venue";
    const toml::table *table = optionalTable(&root, "venue", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"kind", "environment", "live_trading", "rest_url", "stream_url", "data_stream_url", "data_rest_url",
                    "feed", "requests_per_minute", "request_timeout_ms", "reconnect_min_ms", "reconnect_max_ms",
                    "data_silence_ms", "rest_fallback_interval_ms"});
    std::string kind(toString(VenueKind::Simulator));
    if (readString(table, "kind", path, kind) == Field::Valid && kind == toString(VenueKind::Alpaca)) {
        m_config.venue.kind = VenueKind::Alpaca;
        parseAlpacaVenue(*table, path);
        return;
    }
    m_config.venue.kind = VenueKind::Simulator;
    if (kind != toString(VenueKind::Simulator))
        addError(path + ".kind", table->get("kind"),
                 "unknown venue kind " + inQuotes(kind) + "; accepted values: "
                     + std::string(toString(VenueKind::Simulator)) + ", " + std::string(toString(VenueKind::Alpaca)));
    // The simulator has no use for them: a stray one means the operator believes Vigil
    // trades somewhere it does not.
    for (const auto &[key, node] : *table) {
        const std::string_view name = key.str();
        if (name != "kind" && isAlpacaVenueKey(name))
            addError(joinPath(path, name), &node, "only with kind = \"alpaca\"; this venue is the simulator");
    }
}

void ConfigParser::parseAlpacaVenue(const toml::table &table, const std::string &path)
{
    AlpacaVenueConfig &alpaca = m_config.venue.alpaca;
    std::string environment;
    Field environmentField = Field::Invalid;
    if (requireKey(table, "environment", path, "for kind \"alpaca\": \"paper\" or \"live\"")) {
        environmentField = readString(&table, "environment", path, environment);
        if (environmentField == Field::Valid && environment == toString(AlpacaEnvironment::Live)) {
            alpaca.environment = AlpacaEnvironment::Live;
        } else if (environmentField == Field::Valid && environment == toString(AlpacaEnvironment::Paper)) {
            alpaca.environment = AlpacaEnvironment::Paper;
        } else if (environmentField == Field::Valid) {
            addError(path + ".environment", table.get("environment"),
                     "unknown environment " + inQuotes(environment) + "; accepted values: paper, live");
            environmentField = Field::Invalid;
        }
    }
    // Real money needs a second, deliberate line, so that no single edit of "paper" to
    // "live" trades the operator's own account.
    const toml::node *liveTrading = table.get("live_trading");
    const bool realMoney = liveTrading && liveTrading->as_string() && liveTrading->as_string()->get() == "real money";
    if (environmentField == Field::Valid && alpaca.environment == AlpacaEnvironment::Live && !realMoney)
        addError(liveTrading ? path + ".live_trading" : path + ".environment",
                 liveTrading ? liveTrading : table.get("environment"),
                 "environment = \"live\" trades real money and needs live_trading = \"real money\" beside it");
    else if (environmentField == Field::Valid && alpaca.environment == AlpacaEnvironment::Paper && liveTrading)
        addError(path + ".live_trading", liveTrading,
                 "live_trading does nothing with environment = \"paper\"; remove it, or set environment = \"live\"");
    alpaca.liveConfirmed = alpaca.environment == AlpacaEnvironment::Live && realMoney;

    readAlpacaUrl(table, "rest_url", path, UrlKind::Http, alpaca.restUrl);
    readAlpacaUrl(table, "stream_url", path, UrlKind::WebSocket, alpaca.streamUrl);
    readAlpacaUrl(table, "data_stream_url", path, UrlKind::WebSocket, alpaca.dataStreamUrl);
    readAlpacaUrl(table, "data_rest_url", path, UrlKind::Http, alpaca.dataRestUrl);
    std::string feed;
    if (readString(&table, "feed", path, feed) == Field::Valid) {
        if (feed == toString(AlpacaFeed::Iex))
            alpaca.feed = AlpacaFeed::Iex;
        else if (feed == toString(AlpacaFeed::Sip))
            alpaca.feed = AlpacaFeed::Sip;
        else
            addError(path + ".feed", table.get("feed"),
                     "unknown feed " + inQuotes(feed) + "; accepted values: iex, sip");
    }
    readInteger(&table, "requests_per_minute", path, 1, 10'000, alpaca.requestsPerMinute);
    readInteger(&table, "request_timeout_ms", path, 100, 120'000, alpaca.requestTimeoutMs);
    const Field minimum = readInteger(&table, "reconnect_min_ms", path, 50, 600'000, alpaca.reconnectMinMs);
    const Field maximum = readInteger(&table, "reconnect_max_ms", path, 50, 600'000, alpaca.reconnectMaxMs);
    if (minimum != Field::Invalid && maximum != Field::Invalid)
        checkOrder(&table, path, "reconnect_max_ms", "reconnect_min_ms", alpaca.reconnectMaxMs >= alpaca.reconnectMinMs,
                   "reconnect_max_ms (" + std::to_string(alpaca.reconnectMaxMs)
                       + ") must be at least reconnect_min_ms (" + std::to_string(alpaca.reconnectMinMs) + ")");
    readInteger(&table, "data_silence_ms", path, 500, 600'000, alpaca.dataSilenceMs);
    readInteger(&table, "rest_fallback_interval_ms", path, 200, 60'000, alpaca.restFallbackIntervalMs);
}

Field ConfigParser::readAlpacaUrl(const toml::table &table, std::string_view name, const std::string &path,
                                  UrlKind kind, std::string &target)
{
    std::string text;
    const Field field = readString(&table, name, path, text);
    if (field != Field::Valid || text.empty()) // empty: Alpaca's own URL for the environment
        return field;
    const std::string problem = alpacaUrlProblem(text, kind);
    if (!problem.empty()) {
        addError(joinPath(path, name), table.get(name), inQuotes(text) + " " + problem);
        return Field::Invalid;
    }
    target = text;
    return Field::Valid;
}

void ConfigParser::parseBroker(const toml::table &root)
{
    const std::string path = "broker";
    const toml::table *table = optionalTable(&root, "broker", path);
    if (!table)
        return;
    checkKnownKeys(*table, path, {"kind", "paper"});
    std::string kind;
    if (readString(table, "kind", path, kind) == Field::Valid && kind != "paper")
        addError(path + ".kind", table->get("kind"),
                 "unknown broker kind " + inQuotes(kind) + "; accepted values: paper");
    // "paper" is the simulator's own broker: the venue stays the simulator ([venue] kind).
    parseSimulatedBroker(table, path + ".paper");
}

void ConfigParser::parseSimulatedBroker(const toml::table *broker, const std::string &path)
{
    const toml::table *table = optionalTable(broker, "paper", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"starting_cash", "buying_power_multiplier", "order_latency_min_us", "order_latency_mean_us",
                    "fee_per_share", "min_fee_per_order"});
    SimulatedBrokerConfig &paper = m_config.broker.paper;
    readDecimal(table, "starting_cash", path, MoneyRule::Positive, paper.startingCash);
    readFloat(table, "buying_power_multiplier", path, {1.0, 4.0}, paper.buyingPowerMultiplier);
    const Field minimum = readInteger(table, "order_latency_min_us", path, 1'000, 10'000'000, paper.orderLatencyMinUs);
    const Field mean = readInteger(table, "order_latency_mean_us", path, 1'000, 10'000'000, paper.orderLatencyMeanUs);
    if (minimum != Field::Invalid && mean != Field::Invalid)
        checkOrder(table, path, "order_latency_mean_us", "order_latency_min_us",
                   paper.orderLatencyMeanUs >= paper.orderLatencyMinUs,
                   "order_latency_mean_us (" + std::to_string(paper.orderLatencyMeanUs)
                       + ") must be at least order_latency_min_us (" + std::to_string(paper.orderLatencyMinUs) + ")");
    readDecimal(table, "fee_per_share", path, MoneyRule::NonNegative, paper.feePerShare);
    readDecimal(table, "min_fee_per_order", path, MoneyRule::NonNegative, paper.minFeePerOrder);
}

void ConfigParser::parseStrategies(const toml::table &root)
{
    const std::string path = "strategies";
    const toml::table *table = optionalTable(&root, "strategies", path);
    if (table)
        checkKnownKeys(*table, path, {"intraday", "swing"});
    // Called even without a [strategies] table: a replaced universe can break the
    // defaults (top_n larger than the symbol count).
    parseIntraday(table, path + ".intraday");
    parseSwing(table, path + ".swing");
}

void ConfigParser::parseIntraday(const toml::table *strategies, const std::string &path)
{
    const toml::table *table = optionalTable(strategies, "intraday", path);
    if (table)
        checkKnownKeys(*table, path,
                       {"enabled", "symbols", "ema_ticks", "entry_bps", "exit_bps", "stop_bps", "notional_per_trade",
                        "cooldown_s", "no_entry_after", "flatten_at", "deployed"});
    IntradayStrategyConfig &intraday = m_config.strategies.intraday;
    readBool(table, "enabled", path, intraday.enabled);
    readSymbolList(table, "symbols", path, intraday.symbols);
    readInteger(table, "ema_ticks", path, 2, 10'000, intraday.emaTicks);
    const Field entry = readFloat(table, "entry_bps", path, {0.0, 10'000.0, false}, intraday.entryBps);
    const Field exit = readFloat(table, "exit_bps", path, {0.0, 10'000.0}, intraday.exitBps);
    const Field stop = readFloat(table, "stop_bps", path, {0.0, 10'000.0, false}, intraday.stopBps);
    if (entry != Field::Invalid && exit != Field::Invalid)
        checkOrder(table, path, "exit_bps", "entry_bps", intraday.exitBps < intraday.entryBps,
                   "exit_bps (" + formatNumber(intraday.exitBps) + ") must be below entry_bps ("
                       + formatNumber(intraday.entryBps) + ")");
    if (entry != Field::Invalid && stop != Field::Invalid)
        checkOrder(table, path, "stop_bps", "entry_bps", intraday.stopBps > intraday.entryBps,
                   "stop_bps (" + formatNumber(intraday.stopBps) + ") must be above entry_bps ("
                       + formatNumber(intraday.entryBps) + ")");
    readDecimal(table, "notional_per_trade", path, MoneyRule::Positive, intraday.notionalPerTrade);
    readInteger(table, "cooldown_s", path, 0, kSecondsPerDay, intraday.cooldownSeconds);
    readDate(table, "deployed", path, intraday.deployed);
    const Field noEntry = readClock(table, "no_entry_after", path, kSessionOpenSecond, kSessionCloseSecond,
                                    intraday.noEntryAfterSecondOfDay);
    const Field flatten =
        readClock(table, "flatten_at", path, kSessionOpenSecond, kSessionCloseSecond, intraday.flattenAtSecondOfDay);
    if (noEntry != Field::Invalid && flatten != Field::Invalid)
        checkOrder(table, path, "flatten_at", "no_entry_after",
                   intraday.flattenAtSecondOfDay > intraday.noEntryAfterSecondOfDay,
                   "flatten_at (" + clockText(intraday.flattenAtSecondOfDay) + ") must be after no_entry_after ("
                       + clockText(intraday.noEntryAfterSecondOfDay) + ")");
}

void ConfigParser::parseSwing(const toml::table *strategies, const std::string &path)
{
    const toml::table *table = optionalTable(strategies, "swing", path);
    if (table)
        checkKnownKeys(*table, path,
                       {"enabled", "symbols", "rebalance_minutes", "top_n", "notional_per_position", "deployed"});
    SwingStrategyConfig &swing = m_config.strategies.swing;
    readBool(table, "enabled", path, swing.enabled);
    const Field symbols = readSymbolList(table, "symbols", path, swing.symbols);
    readInteger(table, "rebalance_minutes", path, 1, 390, swing.rebalanceMinutes);
    readDecimal(table, "notional_per_position", path, MoneyRule::Positive, swing.notionalPerPosition);
    readDate(table, "deployed", path, swing.deployed);
    // An empty list means "every symbol of the universe", so that is the ceiling then.
    // When the lists themselves are broken the ceiling is unknown; only the hard limit
    // applies, so top_n is not reported for a mistake made elsewhere.
    const bool ceilingKnown = symbols != Field::Invalid && m_universeComplete;
    const std::size_t traded = swing.symbols.empty() ? m_config.simulator.symbols.size() : swing.symbols.size();
    const std::size_t ceiling = ceilingKnown ? traded : kMaxSymbols;
    const Field topN = readInteger(table, "top_n", path, 1, static_cast<std::int64_t>(ceiling), swing.topN);
    if (topN == Field::Absent && static_cast<std::size_t>(swing.topN) > ceiling)
        addError(path + ".top_n", 0,
                 "the default (" + std::to_string(swing.topN)
                     + ") exceeds the number of symbols the swing strategy trades (" + std::to_string(traded)
                     + "); set top_n between 1 and " + std::to_string(traded));
}

void ConfigParser::parseRisk(const toml::table &root)
{
    const std::string path = "risk";
    const toml::table *table = optionalTable(&root, "risk", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"max_order_qty", "max_order_notional", "max_position_notional", "max_gross_exposure_pct",
                    "price_collar_pct", "max_open_orders", "max_orders_per_second", "duplicate_window_ms",
                    "throttle_fills", "throttle_window_seconds", "kill_drawdown_pct", "kill_broker_errors",
                    "kill_feed_silence_seconds", "warn_at_pct", "trigger_confirm_seconds", "latency_alert_p95_ms"});
    RiskConfig &risk = m_config.risk;
    readInteger(table, "max_order_qty", path, 1, 10'000'000, risk.maxOrderQty);
    readDecimal(table, "max_order_notional", path, MoneyRule::Positive, risk.maxOrderNotional);
    readDecimal(table, "max_position_notional", path, MoneyRule::Positive, risk.maxPositionNotional);
    readFloat(table, "max_gross_exposure_pct", path, {1.0, 1000.0}, risk.maxGrossExposurePct);
    readFloat(table, "price_collar_pct", path, {0.1, 50.0}, risk.priceCollarPct);
    readInteger(table, "max_open_orders", path, 1, 100'000, risk.maxOpenOrders);
    readInteger(table, "max_orders_per_second", path, 1, 10'000, risk.maxOrdersPerSecond);
    readInteger(table, "duplicate_window_ms", path, 0, 60'000, risk.duplicateWindowMs);
    readInteger(table, "throttle_fills", path, 1, 1'000'000, risk.throttleFills);
    readInteger(table, "throttle_window_seconds", path, 1, 3'600, risk.throttleWindowSeconds);
    readFloat(table, "kill_drawdown_pct", path, {0.1, 50.0}, risk.killDrawdownPct);
    readInteger(table, "kill_broker_errors", path, 1, 1'000, risk.killBrokerErrors);
    readInteger(table, "kill_feed_silence_seconds", path, 5, 3'600, risk.killFeedSilenceSeconds);
    readFloat(table, "warn_at_pct", path, {10.0, 99.0}, risk.warnAtPct);
    readInteger(table, "trigger_confirm_seconds", path, 0, 600, risk.triggerConfirmSeconds);
    readInteger(table, "latency_alert_p95_ms", path, 1, 60'000, risk.latencyAlertP95Ms);
}

void ConfigParser::parseChecklists(const toml::table &root)
{
    const std::string path = "checklists";
    const toml::table *table = optionalTable(&root, "checklists", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"heartbeat_max_age_seconds", "feed_max_age_seconds", "disk_free_fail_pct", "disk_free_warn_pct",
                    "overnight_gap_pct", "strategy_max_age_days", "backup_max_age_hours", "premarket_at",
                    "end_of_day_at"});
    ChecklistConfig &c = m_config.checklists;
    readInteger(table, "heartbeat_max_age_seconds", path, 1, 3'600, c.heartbeatMaxAgeSeconds);
    readInteger(table, "feed_max_age_seconds", path, 1, 86'400, c.feedMaxAgeSeconds);
    const Field fail = readFloat(table, "disk_free_fail_pct", path, {0.1, 99.0}, c.diskFreeFailPct);
    const Field warn = readFloat(table, "disk_free_warn_pct", path, {0.1, 99.0}, c.diskFreeWarnPct);
    if (fail != Field::Invalid && warn != Field::Invalid)
        checkOrder(table, path, "disk_free_warn_pct", "disk_free_fail_pct", c.diskFreeWarnPct >= c.diskFreeFailPct,
                   "disk_free_warn_pct (" + formatNumber(c.diskFreeWarnPct) + ") must not be below disk_free_fail_pct ("
                       + formatNumber(c.diskFreeFailPct) + ")");
    readFloat(table, "overnight_gap_pct", path, {0.1, 100.0}, c.overnightGapPct);
    readInteger(table, "strategy_max_age_days", path, 1, 3'650, c.strategyMaxAgeDays);
    readInteger(table, "backup_max_age_hours", path, 1, 24 * 31, c.backupMaxAgeHours);
    readClock(table, "premarket_at", path, 0, kSessionOpenSecond, c.premarketSecondOfDay);
    readClock(table, "end_of_day_at", path, kSessionCloseSecond, kSecondsPerDay - 1, c.endOfDaySecondOfDay);
}

Field ConfigParser::readDate(const toml::table *table, std::string_view name, const std::string &path,
                             std::optional<Date> &target)
{
    const toml::node *node = table ? table->get(name) : nullptr;
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    Date date;
    if (const auto *value = node->as_date()) { // deployed = 2026-06-01
        date = Date{value->get().year, value->get().month, value->get().day};
    } else if (const auto *string = node->as_string()) {
        const std::string &text = string->get();
        int y = 0, m = 0, d = 0;
        char tail = 0;
        if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
            addError(key, node, inQuotes(text) + " is not a date; expected YYYY-MM-DD");
            return Field::Invalid;
        }
        date = Date{y, m, d};
    } else {
        addError(key, node, "expected a date YYYY-MM-DD, found " + describeType(node->type()));
        return Field::Invalid;
    }
    if (!date.isValid()) {
        addError(key, node, date.toIso() + " is not a day of the calendar");
        return Field::Invalid;
    }
    target = date;
    return Field::Valid;
}

void ConfigParser::parseBackup(const toml::table &root)
{
    const std::string path = "backup";
    const toml::table *table = optionalTable(&root, "backup", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"dir", "keep_daily", "keep_weekly", "keep_monthly", "intraday_every_minutes", "keep_intraday"});
    BackupConfig &b = m_config.backup;
    if (readString(table, "dir", path, b.dir) == Field::Valid && !std::filesystem::path(b.dir).is_absolute()) {
        // Relative to what? The working directory changes with how vigil is started, and a
        // backup written somewhere unexpected is a backup nobody finds on the bad day.
        addError(joinPath(path, "dir"), table->get("dir"),
                 inQuotes(b.dir) + " is not an absolute path; leave the key out for DATA_DIR/backups");
        b.dir.clear();
    }
    readInteger(table, "keep_daily", path, 0, 10'000, b.keepDaily);
    readInteger(table, "keep_weekly", path, 0, 10'000, b.keepWeekly);
    readInteger(table, "keep_monthly", path, 0, 10'000, b.keepMonthly);
    readInteger(table, "intraday_every_minutes", path, 0, 24 * 60, b.intradayEveryMinutes);
    readInteger(table, "keep_intraday", path, 1, 1'000, b.keepIntraday);
}

void ConfigParser::parseReconciliation(const toml::table &root)
{
    const std::string path = "reconciliation";
    const toml::table *table = optionalTable(&root, "reconciliation", path);
    if (!table)
        return;
    checkKnownKeys(*table, path, {"every_seconds", "min_wall_interval_ms", "cash_tolerance"});
    ReconciliationConfig &r = m_config.reconciliation;
    readInteger(table, "every_seconds", path, 1, 3'600, r.everySeconds);
    readInteger(table, "min_wall_interval_ms", path, 100, 3'600'000, r.minWallIntervalMs);
    readDecimal(table, "cash_tolerance", path, MoneyRule::NonNegative, r.cashTolerance);
}

void ConfigParser::parsePaths(const toml::table &root)
{
    const std::string path = "paths";
    const toml::table *table = optionalTable(&root, "paths", path);
    if (!table)
        return;
    checkKnownKeys(*table, path, {"data_dir"});
    readString(table, "data_dir", path, m_config.paths.dataDir);
}

/// An absolute path to a file that exists: a relative one would depend on where vigil was
/// started, and a missing certificate is better found by `vigil config check` than at start.
bool isExistingAbsoluteFile(const std::string &path)
{
    std::error_code status;
    return std::filesystem::path(path).is_absolute() && std::filesystem::is_regular_file(path, status);
}

void ConfigParser::parseGateway(const toml::table &root)
{
    const std::string path = "gateway";
    const toml::table *table = optionalTable(&root, "gateway", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"enabled", "listen_address", "port", "tls_certificate_file", "tls_key_file", "max_connections",
                    "max_body_bytes", "request_timeout_ms"});
    GatewayConfig &g = m_config.gateway;
    readBool(table, "enabled", path, g.enabled);
    const Field address = readString(table, "listen_address", path, g.listenAddress);
    const QHostAddress host(QString::fromStdString(g.listenAddress));
    if (address == Field::Valid && host.isNull())
        addError(path + ".listen_address", table->get("listen_address"),
                 inQuotes(g.listenAddress) + " is not an IP address; expected one such as 127.0.0.1, ::1 or 0.0.0.0");
    readInteger(table, "port", path, 1, 65'535, g.port);
    Field tls[2] = {};
    const char *tlsKeys[2] = {"tls_certificate_file", "tls_key_file"};
    std::string *tlsValues[2] = {&g.tlsCertificateFile, &g.tlsKeyFile};
    for (int i = 0; i < 2; ++i) {
        tls[i] = readString(table, tlsKeys[i], path, *tlsValues[i]);
        if (tls[i] == Field::Valid && !isExistingAbsoluteFile(*tlsValues[i])) {
            addError(joinPath(path, tlsKeys[i]), table->get(tlsKeys[i]),
                     inQuotes(*tlsValues[i]) + " is not an absolute path to an existing file (PEM)");
            tls[i] = Field::Invalid;
        }
    }
    if (tls[0] != tls[1] && tls[0] != Field::Invalid && tls[1] != Field::Invalid) {
        const int given = tls[0] == Field::Valid ? 0 : 1;
        addError(joinPath(path, tlsKeys[given]), table->get(tlsKeys[given]),
                 std::string("TLS needs both tls_certificate_file and tls_key_file; ") + tlsKeys[1 - given]
                     + " is missing");
    }
    // Bots' keys and orders cross the wire: only loopback may carry them in the clear.
    if (address == Field::Valid && !host.isNull() && !host.isLoopback()
        && (tls[0] != Field::Valid || tls[1] != Field::Valid) && tls[0] != Field::Invalid && tls[1] != Field::Invalid)
        addError(path + ".listen_address", table->get("listen_address"),
                 inQuotes(g.listenAddress)
                     + " is not a loopback address: set tls_certificate_file and tls_key_file, or listen on 127.0.0.1");
    readInteger(table, "max_connections", path, 1, 100'000, g.maxConnections);
    readInteger(table, "max_body_bytes", path, 1'024, 64 * 1024 * 1024, g.maxBodyBytes);
    readInteger(table, "request_timeout_ms", path, 100, 600'000, g.requestTimeoutMs);
}

Field ConfigParser::readLevels(const toml::table *table, std::string_view name, const std::string &path,
                               std::vector<int> &target)
{
    const toml::node *node = table->get(name);
    if (!node)
        return Field::Absent;
    const std::string key = joinPath(path, name);
    const toml::array *array = node->as_array();
    std::vector<int> levels;
    if (array)
        for (const toml::node &element : *array) {
            const auto *level = element.as_integer();
            if (!level || level->get() < 1 || level->get() > 3) {
                array = nullptr;
                break;
            }
            if (std::find(levels.begin(), levels.end(), level->get()) == levels.end())
                levels.push_back(static_cast<int>(level->get()));
        }
    if (!array) {
        addError(key, node, "expected an array of alert levels 1, 2 or 3 (1 recovered, 2 warning, 3 critical)");
        return Field::Invalid;
    }
    target = std::move(levels);
    return Field::Valid;
}

void ConfigParser::parseAlerts(const toml::table &root)
{
    const std::string path = "alerts";
    const toml::table *table = optionalTable(&root, "alerts", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"webhook", "email", "desktop", "repeat_window_seconds", "escalate_after_seconds", "escalation",
                    "retries", "queue_capacity", "repeat_summary_seconds"});
    AlertsConfig &a = m_config.alerts;
    readInteger(table, "repeat_window_seconds", path, 0, 86'400, a.repeatWindowSeconds);
    readInteger(table, "escalate_after_seconds", path, 0, 86'400, a.escalateAfterSeconds);
    readInteger(table, "retries", path, 0, 20, a.retries);
    readInteger(table, "queue_capacity", path, 10, 1'000'000, a.queueCapacity);
    readInteger(table, "repeat_summary_seconds", path, 1, 86'400, a.repeatSummarySeconds);
    if (const toml::node *node = table->get("escalation")) {
        const toml::array *array = node->as_array();
        std::vector<AlertChannelKind> order;
        bool valid = array != nullptr;
        if (array)
            for (const toml::node &element : *array) {
                const auto *name = element.as_string();
                const std::string text = name ? name->get() : std::string();
                const AlertChannelKind kind = text == "email" ? AlertChannelKind::Email : AlertChannelKind::Webhook;
                if ((text != "webhook" && text != "email")
                    || std::find(order.begin(), order.end(), kind) != order.end()) {
                    valid = false;
                    break;
                }
                order.push_back(kind);
            }
        if (valid)
            a.escalation = std::move(order);
        else
            addError(joinPath(path, "escalation"), node,
                     "expected an array naming each channel once, in the order an unacknowledged critical alert "
                     "goes on: \"webhook\", \"email\"");
    }
    parseWebhook(*table, path);
    parseEmail(*table, path);
    if (const toml::table *desktop = optionalTable(table, "desktop", joinPath(path, "desktop"))) {
        const std::string where = joinPath(path, "desktop");
        checkKnownKeys(*desktop, where, {"enabled", "levels"});
        readBool(desktop, "enabled", where, m_config.alerts.desktop.enabled);
        readLevels(desktop, "levels", where, m_config.alerts.desktop.levels);
    }
}

void ConfigParser::parseIncidents(const toml::table &root)
{
    const std::string path = "incidents";
    const toml::table *table = optionalTable(&root, "incidents", path);
    if (!table)
        return;
    checkKnownKeys(*table, path,
                   {"broker_unreachable_seconds", "feed_silent_seconds", "refusal_burst", "refusal_burst_seconds"});
    IncidentsConfig &i = m_config.incidents;
    readInteger(table, "broker_unreachable_seconds", path, 1, 86'400, i.brokerUnreachableSeconds);
    readInteger(table, "feed_silent_seconds", path, 1, 86'400, i.feedSilentSeconds);
    readInteger(table, "refusal_burst", path, 2, 1'000'000, i.refusalBurst);
    readInteger(table, "refusal_burst_seconds", path, 1, 86'400, i.refusalBurstSeconds);
}

void ConfigParser::parseWebhook(const toml::table &alerts, const std::string &parent)
{
    const std::string path = joinPath(parent, "webhook");
    const toml::table *table = optionalTable(&alerts, "webhook", path);
    if (!table)
        return;
    checkKnownKeys(*table, path, {"enabled", "url", "template", "levels", "timeout_seconds"});
    WebhookChannelConfig &w = m_config.alerts.webhook;
    readBool(table, "enabled", path, w.enabled);
    if (readString(table, "url", path, w.url) == Field::Valid) {
        // "{token}" is Vigil's placeholder, not part of the url the checks read.
        QString text = QString::fromStdString(w.url);
        const QUrl url(text.replace(QStringLiteral("{token}"), QStringLiteral("TOKEN")), QUrl::StrictMode);
        const QHostAddress host(url.host());
        const bool loopback = url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            addError(joinPath(path, "url"), table->get("url"),
                     inQuotes(w.url) + " is not an http(s) URL such as \"https://hooks.slack.com/services/{token}\"");
        else if (url.scheme() == QLatin1String("http") && !loopback)
            // The token and every alert's text would cross the network in the clear.
            addError(joinPath(path, "url"), table->get("url"),
                     inQuotes(w.url) + " is plain http to another machine; use https (http is for 127.0.0.1 only)");
    } else if (w.enabled) {
        addError(joinPath(path, "url"), 0, "an enabled webhook needs its url");
    }
    if (readString(table, "template", path, w.bodyTemplate) == Field::Valid)
        if (std::string problem = webhookTemplateProblem(w.bodyTemplate); !problem.empty())
            addError(joinPath(path, "template"), table->get("template"), "the template " + problem);
    readLevels(table, "levels", path, w.levels);
    readInteger(table, "timeout_seconds", path, 1, 300, w.timeoutSeconds);
}

void ConfigParser::parseEmail(const toml::table &alerts, const std::string &parent)
{
    const std::string path = joinPath(parent, "email");
    const toml::table *table = optionalTable(&alerts, "email", path);
    if (!table)
        return;
    checkKnownKeys(
        *table, path,
        {"enabled", "server", "port", "security", "username", "from", "to", "levels", "timeout_seconds", "ca_file"});
    EmailChannelConfig &e = m_config.alerts.email;
    readBool(table, "enabled", path, e.enabled);
    readString(table, "server", path, e.server);
    readInteger(table, "port", path, 1, 65'535, e.port);
    std::string security(toString(e.security));
    if (readString(table, "security", path, security) == Field::Valid) {
        if (security == "starttls")
            e.security = SmtpSecurity::StartTls;
        else if (security == "tls")
            e.security = SmtpSecurity::Tls;
        else if (security == "none")
            e.security = SmtpSecurity::None;
        else
            addError(joinPath(path, "security"), table->get("security"),
                     inQuotes(security) + " is not \"starttls\", \"tls\" or \"none\"");
    }
    const QHostAddress host(QString::fromStdString(e.server));
    if (e.security == SmtpSecurity::None && !e.server.empty() && e.server != "localhost"
        && (host.isNull() || !host.isLoopback()))
        // The login and every alert would cross the network in the clear.
        addError(joinPath(path, "security"), table->get("security"),
                 "\"none\" is for a relay on this machine only (" + inQuotes(e.server)
                     + " is not 127.0.0.1); use \"starttls\" or \"tls\"");
    readString(table, "username", path, e.username);
    readString(table, "from", path, e.from);
    if (const toml::node *node = table->get("to")) {
        const toml::array *array = node->as_array();
        std::vector<std::string> to;
        if (array)
            for (const toml::node &element : *array) {
                const auto *address = element.as_string();
                if (!address || address->get().find('@') == std::string::npos) {
                    array = nullptr;
                    break;
                }
                to.push_back(address->get());
            }
        if (array && !to.empty())
            e.to = std::move(to);
        else
            addError(joinPath(path, "to"), node,
                     "expected an array of e-mail addresses, such as [\"ops@example.com\"]");
    }
    readLevels(table, "levels", path, e.levels);
    readInteger(table, "timeout_seconds", path, 1, 300, e.timeoutSeconds);
    if (readString(table, "ca_file", path, e.caFile) == Field::Valid && !isExistingAbsoluteFile(e.caFile))
        addError(joinPath(path, "ca_file"), table->get("ca_file"),
                 inQuotes(e.caFile) + " is not an absolute path to an existing file (PEM)");
    if (e.enabled) {
        const std::pair<const char *, bool> needed[] = {
            {"server", e.server.empty()}, {"from", e.from.empty()}, {"to", e.to.empty()}};
        for (const auto &[key, missing] : needed)
            if (missing)
                addError(joinPath(path, key), 0, std::string("an enabled e-mail channel needs its ") + key);
    }
}

// The built-in strategies' keys and codes, and those the journal and client order ids
// reserve (strategy/StrategyLineup.cpp): a bot taking one would share their books.
constexpr std::string_view kReservedBotNames[] = {"intraday_mean_reversion", "swing_momentum", "reconciliation",
                                                  "account", "operator"};
constexpr std::string_view kReservedCodes[] = {"mr", "sw", "op", "rc"};

void ConfigParser::parseBots(const toml::table &root)
{
    const std::string path = "bots";
    const toml::array *array = optionalArrayOfTables(&root, "bots", path);
    if (!array)
        return;
    // Who took each name and code first, for the duplicate's message.
    std::map<std::string, std::string> names, codes;
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::table *table = tableElement(*array, index, path);
        if (!table)
            continue;
        BotConfig bot;
        parseBot(*table, indexPath(path, index), bot, names, codes);
        m_config.bots.push_back(std::move(bot));
    }
}

void ConfigParser::parseBot(const toml::table &table, const std::string &path, BotConfig &bot,
                            std::map<std::string, std::string> &names, std::map<std::string, std::string> &codes)
{
    checkKnownKeys(table, path,
                   {"name", "display_name", "code", "symbols", "intraday", "buying_power", "max_position_notional",
                    "max_order_qty", "requests_per_minute", "heartbeat_seconds", "on_lost", "command",
                    "working_directory"});
    const std::string_view why = "in every [[bots]] entry";
    // A name is a strategy key (journal, audit, key file) and a code is in every client
    // order id: both must be unique, and neither may be one another strategy uses.
    const bool named = requireKey(table, "name", path, why);
    if (named && readString(&table, "name", path, bot.name) == Field::Valid) {
        const std::string key = path + ".name";
        const bool reserved =
            std::find(std::begin(kReservedBotNames), std::end(kReservedBotNames), bot.name)
                != std::end(kReservedBotNames)
            || std::find(std::begin(kReservedCodes), std::end(kReservedCodes), bot.name) != std::end(kReservedCodes);
        if (!gateway::isValidBotName(bot.name))
            addError(key, table.get("name"),
                     inQuotes(bot.name) + " is not a bot name: 1 to 32 characters among a-z, 0-9 and '_'");
        else if (reserved)
            addError(key, table.get("name"),
                     inQuotes(bot.name)
                         + " is reserved (the built-in strategies' keys and codes: intraday_mean_reversion, "
                           "swing_momentum, mr, sw; the books account, reconciliation, operator; op, rc)");
        else if (const auto first = names.find(bot.name); first != names.end())
            addError(key, table.get("name"),
                     "duplicate bot name " + inQuotes(bot.name) + " (already used by " + first->second + ")");
        else if (const auto code = codes.find(bot.name); code != codes.end())
            addError(key, table.get("name"), inQuotes(bot.name) + " is the code of " + code->second);
        else
            names.emplace(bot.name, path);
    }
    if (requireKey(table, "code", path, why) && readString(&table, "code", path, bot.code) == Field::Valid) {
        const std::string key = path + ".code";
        const bool wellFormed = (bot.code.size() == 2 || bot.code.size() == 3)
                                && std::all_of(bot.code.begin(), bot.code.end(),
                                               [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
        const bool reserved =
            std::find(std::begin(kReservedCodes), std::end(kReservedCodes), bot.code) != std::end(kReservedCodes);
        if (!wellFormed)
            addError(key, table.get("code"),
                     inQuotes(bot.code) + " is not a code: 2 or 3 characters among a-z and 0-9");
        else if (reserved)
            addError(
                key, table.get("code"),
                inQuotes(bot.code)
                    + " is reserved (mr and sw: the built-in strategies; op: the operator; rc: the reconciliation)");
        else if (const auto first = codes.find(bot.code); first != codes.end())
            addError(key, table.get("code"),
                     "duplicate code " + inQuotes(bot.code) + " (already used by " + first->second + ")");
        else if (const auto name = names.find(bot.code); name != names.end() && name->second != path)
            addError(key, table.get("code"), inQuotes(bot.code) + " is the name of " + name->second);
        else
            codes.emplace(bot.code, path);
    }
    bot.displayName = bot.name;
    if (readString(&table, "display_name", path, bot.displayName) == Field::Valid
        && (bot.displayName.empty() || bot.displayName.size() > 64))
        addError(path + ".display_name", table.get("display_name"),
                 "must be 1 to 64 characters, found " + std::to_string(bot.displayName.size()));
    readSymbolList(&table, "symbols", path, bot.symbols);
    readBool(&table, "intraday", path, bot.intraday);
    readDecimal(&table, "buying_power", path, MoneyRule::Positive, bot.buyingPower);
    readDecimal(&table, "max_position_notional", path, MoneyRule::Positive, bot.maxPositionNotional);
    readInteger(&table, "max_order_qty", path, 1, 10'000'000, bot.maxOrderQty);
    readInteger(&table, "requests_per_minute", path, 1, 100'000, bot.requestsPerMinute);
    readInteger(&table, "heartbeat_seconds", path, 1, 3'600, bot.heartbeatSeconds);
    std::string lost;
    if (readString(&table, "on_lost", path, lost) == Field::Valid) {
        if (lost == toString(BotLostAction::LeaveOrders))
            bot.onLost = BotLostAction::LeaveOrders;
        else if (lost == toString(BotLostAction::CancelOrders))
            bot.onLost = BotLostAction::CancelOrders;
        else if (lost == toString(BotLostAction::Flatten))
            bot.onLost = BotLostAction::Flatten;
        else
            addError(path + ".on_lost", table.get("on_lost"),
                     "unknown action " + inQuotes(lost) + "; expected one of: leave, cancel, flatten");
    }
    const Field command = readCommand(table, path, bot.command);
    if (readString(&table, "working_directory", path, bot.workingDirectory) == Field::Valid) {
        std::error_code status;
        if (!std::filesystem::path(bot.workingDirectory).is_absolute()
            || !std::filesystem::is_directory(bot.workingDirectory, status))
            addError(path + ".working_directory", table.get("working_directory"),
                     inQuotes(bot.workingDirectory) + " is not an absolute path to an existing directory");
        else if (command == Field::Absent)
            addError(path + ".working_directory", table.get("working_directory"),
                     "only with command (vigil starts the bot there)");
    }
}

Field ConfigParser::readCommand(const toml::table &table, const std::string &path, std::vector<std::string> &target)
{
    const toml::node *node = table.get("command");
    if (!node)
        return Field::Absent;
    const std::string key = path + ".command";
    const toml::array *array = node->as_array();
    if (!array || array->empty()) {
        addError(key, node,
                 "expected a non-empty array of strings (the program, then its arguments), found "
                     + (array ? std::string("an empty array") : describeType(node->type())));
        return Field::Invalid;
    }
    std::vector<std::string> words;
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::node *element = array->get(index);
        const auto *string = element->as_string();
        if (!string || (index == 0 && string->get().empty())) {
            addError(indexPath(key, index), element,
                     string ? std::string("the program must not be empty")
                            : "expected a string, found " + describeType(element->type()));
            return Field::Invalid;
        }
        words.push_back(string->get());
    }
    target = std::move(words);
    return Field::Valid;
}

std::optional<std::string> readWholeFile(const std::string &path, std::string &reason)
{
    std::error_code status;
    if (std::filesystem::is_directory(path, status)) {
        reason = "is a directory, not a configuration file";
        return std::nullopt;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        reason = engineTr("Configuration", "cannot open the configuration file: %1").arg(std::strerror(errno));
        return std::nullopt;
    }
    std::ostringstream contents;
    contents << file.rdbuf();
    if (file.bad()) {
        reason = engineTr("Configuration", "cannot read the configuration file: %1").arg(std::strerror(errno));
        return std::nullopt;
    }
    return contents.str();
}

} // namespace

ConfigLoadResult loadConfigFile(const std::string &path)
{
    std::string reason;
    const std::optional<std::string> text = readWholeFile(path, reason);
    if (!text) {
        ConfigLoadResult result;
        result.errors.push_back(ConfigError{path, {}, reason, 0});
        return result;
    }
    return parseConfigText(*text, path);
}

ConfigLoadResult parseConfigText(std::string_view text, const std::string &sourceName)
{
    return ConfigParser(sourceName).parse(text);
}

} // namespace vigil
