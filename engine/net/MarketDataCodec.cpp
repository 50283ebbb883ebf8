#include "net/MarketDataCodec.h"

#include "net/Rfc3339.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>

#include <msgpack.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>

namespace vigil::gateway {

using namespace Qt::StringLiterals;

namespace {

/// msgpack-cxx's packer writes into a std::string through this.
struct StringSink {
    std::string &out;
    void write(const char *data, std::size_t size) { out.append(data, size); }
};
using Packer = msgpack::packer<StringSink>;

using NanoTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::nanoseconds>;

void packText(Packer &pk, std::string_view s)
{
    pk.pack_str(static_cast<std::uint32_t>(s.size()));
    pk.pack_str_body(s.data(), static_cast<std::uint32_t>(s.size()));
}

void packPrice(Packer &pk, Price p)
{
    // Correctly rounded: the double nearest to the exact decimal.
    pk.pack_double(static_cast<double>(p.raw()) / static_cast<double>(Price::kScale));
}

void packTime(Packer &pk, SimTime t) { pk.pack(NanoTime(std::chrono::nanoseconds(t))); }

void appendInt(std::string &out, std::int64_t v)
{
    char text[24];
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    out.append(text, static_cast<std::size_t>(end - text));
}

/// The exact decimal of a fixed-point price as a JSON number: "187.12", "0.0035", "-4", "12.5".
void appendPrice(std::string &out, Price p)
{
    std::int64_t raw = p.raw();
    if (raw < 0) {
        out.push_back('-');
        raw = -raw;
    }
    appendInt(out, raw / Price::kScale);
    std::int64_t fraction = raw % Price::kScale;
    if (fraction == 0)
        return;
    char digits[4];
    int count = 4;
    while (fraction % 10 == 0) {
        fraction /= 10;
        --count;
    }
    for (int i = count - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(count));
}

void appendTime(std::string &out, SimTime t)
{
    char text[kRfc3339MaxSize];
    out.push_back('"');
    out.append(text, writeRfc3339(t, text));
    out.push_back('"');
}

/// Writes a data message into a JSON buffer member by member; keys and fixed texts are
/// plain ASCII that needs no escaping, symbols come already encoded. Each message ends with
/// ',' (see EncodedBatch).
struct JsonWriter {
    std::string &out;
    bool first = true;

    void begin(std::uint32_t) { out.push_back('{'); }
    void key(std::string_view k)
    {
        if (!first)
            out.push_back(',');
        first = false;
        out.push_back('"');
        out.append(k);
        out += "\":";
    }
    void symbol(const std::string &encoded) { out += encoded; }
    void text(std::string_view s)
    {
        out.push_back('"');
        out.append(s);
        out.push_back('"');
    }
    void price(Price p) { appendPrice(out, p); }
    void integer(std::int64_t v) { appendInt(out, v); }
    void time(SimTime t) { appendTime(out, t); }
    void emptyList() { out += "[]"; }
    void end() { out += "},"; }
};

/// The same in MessagePack.
struct MsgPackWriter {
    std::string &out;
    StringSink sink{out};
    Packer pk{sink};

    void begin(std::uint32_t fields) { pk.pack_map(fields); }
    void key(std::string_view k) { packText(pk, k); }
    void symbol(const std::string &encoded) { out += encoded; }
    void text(std::string_view s) { packText(pk, s); }
    void price(Price p) { packPrice(pk, p); }
    void integer(std::int64_t v) { pk.pack_int64(v); }
    void time(SimTime t) { packTime(pk, t); }
    void emptyList() { pk.pack_array(0); }
    void end() {}
};

// Alpaca's data messages, once for both writers.

template<typename Writer> void writeQuote(Writer &w, const std::string &symbol, const MarketTick &tick)
{
    w.begin(11);
    w.key("T");
    w.text("q");
    w.key("S");
    w.symbol(symbol);
    w.key("bx");
    w.text(kExchangeCode);
    w.key("bp");
    w.price(tick.bid);
    w.key("bs");
    w.integer(tick.bidSize);
    w.key("ax");
    w.text(kExchangeCode);
    w.key("ap");
    w.price(tick.ask);
    w.key("as");
    w.integer(tick.askSize);
    w.key("c");
    w.emptyList();
    w.key("z");
    w.text(kTape);
    w.key("t");
    w.time(tick.time);
    w.end();
}

/// A trade carries its price in `bid` and its size in `bidSize` (GatewayTypes.h).
template<typename Writer> void writeTrade(Writer &w, const std::string &symbol, const MarketTick &tick)
{
    w.begin(9);
    w.key("T");
    w.text("t");
    w.key("S");
    w.symbol(symbol);
    w.key("i");
    w.integer(static_cast<std::int64_t>(tick.tradeId));
    w.key("x");
    w.text(kExchangeCode);
    w.key("p");
    w.price(tick.bid);
    w.key("s");
    w.integer(tick.bidSize);
    w.key("c");
    w.emptyList();
    w.key("z");
    w.text(kTape);
    w.key("t");
    w.time(tick.time);
    w.end();
}

template<typename Writer> void writeBar(Writer &w, const std::string &symbol, const MinuteBar &bar)
{
    w.begin(10);
    w.key("T");
    w.text("b");
    w.key("S");
    w.symbol(symbol);
    w.key("o");
    w.price(bar.open);
    w.key("h");
    w.price(bar.high);
    w.key("l");
    w.price(bar.low);
    w.key("c");
    w.price(bar.close);
    w.key("v");
    w.integer(bar.volume);
    w.key("t");
    w.time(bar.start);
    w.key("n");
    w.integer(bar.tradeCount);
    w.key("vw");
    w.price(bar.vwap);
    w.end();
}

void packJson(Packer &pk, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool: value.toBool() ? pk.pack_true() : pk.pack_false(); break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9.0e15)
            pk.pack_int64(static_cast<std::int64_t>(d));
        else
            pk.pack_double(d);
        break;
    }
    case QJsonValue::String: {
        const QByteArray utf8 = value.toString().toUtf8();
        packText(pk, std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        pk.pack_array(static_cast<std::uint32_t>(array.size()));
        for (const QJsonValue &element : array)
            packJson(pk, element);
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        pk.pack_map(static_cast<std::uint32_t>(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QByteArray key = it.key().toUtf8();
            packText(pk, std::string_view(key.constData(), static_cast<std::size_t>(key.size())));
            packJson(pk, it.value());
        }
        break;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined: pk.pack_nil(); break;
    }
}

/// A MessagePack value as JSON; none for what JSON cannot hold (a map with a key that is
/// not a string).
std::optional<QJsonValue> toJson(const msgpack::object &o)
{
    switch (o.type) {
    case msgpack::type::NIL: return QJsonValue();
    case msgpack::type::BOOLEAN: return QJsonValue(o.via.boolean);
    case msgpack::type::POSITIVE_INTEGER: return QJsonValue(static_cast<double>(o.via.u64));
    case msgpack::type::NEGATIVE_INTEGER: return QJsonValue(static_cast<double>(o.via.i64));
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: return QJsonValue(o.via.f64);
    case msgpack::type::STR:
    case msgpack::type::BIN:
        return QJsonValue(QString::fromUtf8(o.via.str.ptr, static_cast<qsizetype>(o.via.str.size)));
    case msgpack::type::ARRAY: {
        QJsonArray array;
        for (std::uint32_t i = 0; i < o.via.array.size; ++i) {
            std::optional<QJsonValue> element = toJson(o.via.array.ptr[i]);
            if (!element)
                return std::nullopt;
            array.append(*element);
        }
        return QJsonValue(array);
    }
    case msgpack::type::MAP: {
        QJsonObject object;
        for (std::uint32_t i = 0; i < o.via.map.size; ++i) {
            const msgpack::object_kv &kv = o.via.map.ptr[i];
            if (kv.key.type != msgpack::type::STR)
                return std::nullopt;
            std::optional<QJsonValue> value = toJson(kv.val);
            if (!value)
                return std::nullopt;
            object.insert(QString::fromUtf8(kv.key.via.str.ptr, static_cast<qsizetype>(kv.key.via.str.size)), *value);
        }
        return QJsonValue(object);
    }
    case msgpack::type::EXT: return QJsonValue();
    }
    return std::nullopt;
}

} // namespace

EncodedBatch::EncodedBatch(Encoding encoding, const std::vector<std::string> &universe)
    : m_encoding(encoding)
{
    m_symbols.reserve(universe.size());
    for (const std::string &symbol : universe) {
        std::string encoded;
        if (encoding == Encoding::Json) {
            // QJsonDocument escapes it, once: ["AAPL"] less its brackets.
            const QByteArray text =
                QJsonDocument(QJsonArray{QString::fromStdString(symbol)}).toJson(QJsonDocument::Compact);
            encoded.assign(text.constData() + 1, static_cast<std::size_t>(text.size() - 2));
        } else {
            StringSink sink{encoded};
            Packer pk(sink);
            packText(pk, symbol);
        }
        m_symbols.push_back(std::move(encoded));
    }
}

void EncodedBatch::clear()
{
    m_bytes.clear();
    m_items.clear();
}

template<typename Write> void EncodedBatch::add(SymbolId symbol, Channel channel, Write &&write)
{
    if (symbol >= m_symbols.size())
        return;
    const std::size_t start = m_bytes.size();
    if (m_encoding == Encoding::Json) {
        JsonWriter w{m_bytes};
        write(w, m_symbols[symbol]);
    } else {
        MsgPackWriter w{m_bytes};
        write(w, m_symbols[symbol]);
    }
    m_items.push_back(
        {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(m_bytes.size() - start), symbol, channel});
}

void EncodedBatch::addQuote(const MarketTick &tick)
{
    add(tick.symbol, Channel::Quotes, [&tick](auto &w, const std::string &symbol) { writeQuote(w, symbol, tick); });
}

void EncodedBatch::addTrade(const MarketTick &tick)
{
    add(tick.symbol, Channel::Trades, [&tick](auto &w, const std::string &symbol) { writeTrade(w, symbol, tick); });
}

void EncodedBatch::addBar(const MinuteBar &bar)
{
    add(bar.symbol, Channel::Bars, [&bar](auto &w, const std::string &symbol) { writeBar(w, symbol, bar); });
}

void EncodedBatch::openFrame(std::string &out, std::size_t count) const
{
    if (m_encoding == Encoding::Json) {
        out.push_back('[');
    } else {
        StringSink sink{out};
        Packer(sink).pack_array(static_cast<std::uint32_t>(count));
    }
}

void EncodedBatch::closeFrame(std::string &out) const
{
    if (m_encoding == Encoding::Json)
        out.back() = ']'; // the last item's ','
}

std::string controlMessage(Encoding encoding, const QJsonObject &message)
{
    const QJsonArray array{message};
    if (encoding == Encoding::Json)
        return QJsonDocument(array).toJson(QJsonDocument::Compact).toStdString();
    std::string out;
    StringSink sink{out};
    Packer pk(sink);
    packJson(pk, array);
    return out;
}

std::string errorMessage(Encoding encoding, int code, std::string_view msg)
{
    return controlMessage(encoding, {{u"T"_s, u"error"_s},
                                     {u"code"_s, code},
                                     {u"msg"_s, QString::fromUtf8(msg.data(), static_cast<qsizetype>(msg.size()))}});
}

std::optional<QJsonObject> decodeClientMessage(std::string_view bytes)
{
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return std::nullopt;
    if (bytes[first] == '{') {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(
            QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return std::nullopt;
        return document.object();
    }
    try {
        std::size_t offset = 0;
        // Bounds on what a header may announce: msgpack-cxx allocates an array's elements
        // before it reads them.
        const msgpack::unpack_limit limit(/*array*/ 1 << 16, /*map*/ 256, /*str*/ 1 << 16, /*bin*/ 1 << 16,
                                          /*ext*/ 64, /*depth*/ 8);
        const msgpack::object_handle handle =
            msgpack::unpack(bytes.data(), bytes.size(), offset, nullptr, nullptr, limit);
        if (offset != bytes.size())
            return std::nullopt;
        const std::optional<QJsonValue> value = toJson(handle.get());
        if (!value || !value->isObject())
            return std::nullopt;
        return value->toObject();
    } catch (const std::exception &) {
        return std::nullopt; // malformed MessagePack: msgpack-cxx throws
    }
}

} // namespace vigil::gateway
