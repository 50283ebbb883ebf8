#pragma once
// Alpaca's market data stream in MessagePack, decoded: every frame is an array of maps
// (quotes "q", trades "t", bars "b", control messages "success", "error", "subscription"),
// read with msgpack-cxx's visitor parser straight into one reused StreamMessage per map and
// handed to a callback. No object model, no allocation per message: this is the market data
// hot path (2 M messages/s and more).
//
// Prices arrive as the double nearest to a cent or 1e-4 value and are rounded to the
// nearest Price (never truncated); times are MessagePack's timestamp extension (type -1,
// 4, 8 or 12 bytes) in UTC nanoseconds. A message the decoder cannot read whole (a quote
// without its prices, a size out of range) is skipped and counted; a frame that is not
// MessagePack, or not an array of maps, stops where it breaks (the messages before it
// were delivered).
//
// Threads: one owner (the market data client's thread); pure state, no I/O.

#include "api/Fixed.h"
#include "api/Time.h"

#include <msgpack.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>

namespace vigil::alpaca {

enum class StreamMessageType : std::uint8_t { Quote, Trade, Bar, Success, Error, Subscription, Other };

/// One decoded message; the texts point into the frame and live as long as it does.
struct StreamMessage {
    StreamMessageType type = StreamMessageType::Other;
    std::string_view symbol;
    Price bid;
    Price ask;
    std::int32_t bidSize = 0;
    std::int32_t askSize = 0;
    Price price; ///< trades
    std::int32_t size = 0;
    SimTime time = 0;
    std::int64_t code = 0; ///< errors
    std::string_view text; ///< control messages' "msg"
};

struct FrameResult {
    std::uint32_t messages = 0;   ///< handed to the callback
    std::uint32_t incomplete = 0; ///< maps skipped: a data message lacking a field, or one out of range
    /// Null, or why the frame is malformed (static text, no bytes of the frame in it).
    const char *error = nullptr;
};

/// The Price nearest to `value` (a price written as a double).
inline bool priceFromDouble(double value, Price &out)
{
    const double scaled = value * static_cast<double>(Price::kScale);
    if (!(std::fabs(scaled) < 9.0e18)) // also NaN
        return false;
    // Half away from zero, inline (std::llround is a call into libm on the hot path); exact
    // here, far below 2^52.
    out = Price::fromRaw(static_cast<std::int64_t>(scaled >= 0.0 ? scaled + 0.5 : scaled - 0.5));
    return true;
}

/// MessagePack's timestamp extension (type -1) in nanoseconds since the epoch. `data` is
/// the extension's type byte followed by its `size - 1` bytes, as msgpack-cxx's visitor
/// hands it over.
bool timestampFromExt(const char *data, std::uint32_t size, SimTime &out);

/// Decodes `frame`, calling `onMessage(const StreamMessage &)` for each message read whole.
template<typename OnMessage> FrameResult decodeFrame(const char *frame, std::size_t size, OnMessage &&onMessage);

// ---- implementation -------------------------------------------------------------------

namespace detail {

enum class Key : std::uint8_t {
    Ignored,
    Type,
    Symbol,
    BidPrice,
    BidSize,
    AskPrice,
    AskSize,
    Price,
    Size,
    Time,
    Code,
    Msg
};

inline Key keyOf(const char *v, std::uint32_t size)
{
    if (size == 1) {
        switch (v[0]) {
        case 'T': return Key::Type;
        case 'S': return Key::Symbol;
        case 'p': return Key::Price;
        case 's': return Key::Size;
        case 't': return Key::Time;
        default: return Key::Ignored;
        }
    }
    if (size == 2) {
        if (v[0] == 'b')
            return v[1] == 'p' ? Key::BidPrice : v[1] == 's' ? Key::BidSize : Key::Ignored;
        if (v[0] == 'a')
            return v[1] == 'p' ? Key::AskPrice : v[1] == 's' ? Key::AskSize : Key::Ignored;
        return Key::Ignored;
    }
    if (size == 3 && std::memcmp(v, "msg", 3) == 0)
        return Key::Msg;
    if (size == 4 && std::memcmp(v, "code", 4) == 0)
        return Key::Code;
    return Key::Ignored;
}

// Which fields a message carried, a bit each.
constexpr std::uint32_t kHasSymbol = 1u << 0;
constexpr std::uint32_t kHasBid = 1u << 1;
constexpr std::uint32_t kHasBidSize = 1u << 2;
constexpr std::uint32_t kHasAsk = 1u << 3;
constexpr std::uint32_t kHasAskSize = 1u << 4;
constexpr std::uint32_t kHasPrice = 1u << 5;
constexpr std::uint32_t kHasSize = 1u << 6;
constexpr std::uint32_t kHasTime = 1u << 7;
constexpr std::uint32_t kBadValue = 1u << 31;
constexpr std::uint32_t kQuoteFields = kHasSymbol | kHasBid | kHasBidSize | kHasAsk | kHasAskSize | kHasTime;
constexpr std::uint32_t kTradeFields = kHasSymbol | kHasPrice | kHasSize | kHasTime;

/// Deeper than a frame (1), its messages (2) and a message's lists (3) is no Alpaca frame.
constexpr int kMaxDepth = 4;

template<typename OnMessage> class FrameVisitor : public msgpack::null_visitor {
public:
    explicit FrameVisitor(OnMessage &onMessage)
        : m_onMessage(onMessage)
    {}

    FrameResult result;

    bool visit_nil() { return skip(); }
    bool visit_boolean(bool) { return skip(); }
    bool visit_positive_integer(std::uint64_t v)
    {
        if (!scalar())
            return false;
        if (!value())
            return true;
        switch (m_key) {
        case Key::BidPrice: setPrice(m_message.bid, kHasBid, static_cast<double>(v)); break;
        case Key::AskPrice: setPrice(m_message.ask, kHasAsk, static_cast<double>(v)); break;
        case Key::Price: setPrice(m_message.price, kHasPrice, static_cast<double>(v)); break;
        case Key::BidSize: setSize(m_message.bidSize, kHasBidSize, v); break;
        case Key::AskSize: setSize(m_message.askSize, kHasAskSize, v); break;
        case Key::Size: setSize(m_message.size, kHasSize, v); break;
        case Key::Code:
            m_message.code = v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                                 ? std::numeric_limits<std::int64_t>::max()
                                 : static_cast<std::int64_t>(v);
            break;
        default: break;
        }
        return true;
    }
    bool visit_negative_integer(std::int64_t v)
    {
        if (!scalar())
            return false;
        if (!value())
            return true;
        if (m_key == Key::Code)
            m_message.code = v;
        else if (m_key != Key::Ignored)
            m_fields |= kBadValue; // no negative price, size or time
        return true;
    }
    bool visit_float32(float v) { return visit_float64(static_cast<double>(v)); }
    bool visit_float64(double v)
    {
        if (!scalar())
            return false;
        if (!value())
            return true;
        switch (m_key) {
        case Key::BidPrice: setPrice(m_message.bid, kHasBid, v); break;
        case Key::AskPrice: setPrice(m_message.ask, kHasAsk, v); break;
        case Key::Price: setPrice(m_message.price, kHasPrice, v); break;
        case Key::BidSize: setSize(m_message.bidSize, kHasBidSize, v); break;
        case Key::AskSize: setSize(m_message.askSize, kHasAskSize, v); break;
        case Key::Size: setSize(m_message.size, kHasSize, v); break;
        default: break;
        }
        return true;
    }
    bool visit_str(const char *v, std::uint32_t size)
    {
        if (!scalar())
            return false;
        if (m_depth != 2)
            return true;
        if (m_inKey) {
            m_key = detail::keyOf(v, size);
            return true;
        }
        switch (m_key) {
        case Key::Type: m_message.type = typeOf(v, size); break;
        case Key::Symbol:
            m_message.symbol = std::string_view(v, size);
            m_fields |= kHasSymbol;
            break;
        case Key::Msg: m_message.text = std::string_view(v, size); break;
        case Key::Ignored: break;
        default: m_fields |= kBadValue; break;
        }
        return true;
    }
    bool visit_bin(const char *, std::uint32_t) { return skip(); }
    bool visit_ext(const char *v, std::uint32_t size)
    {
        if (!scalar())
            return false;
        if (!value())
            return true;
        if (m_key == Key::Time) {
            if (timestampFromExt(v, size, m_message.time))
                m_fields |= kHasTime;
            else
                m_fields |= kBadValue;
        }
        return true;
    }
    bool start_array(std::uint32_t)
    {
        if (m_depth == 0)
            m_sawArray = true;
        else if (m_depth == 1)
            return fail("a frame's element is not a map");
        else if (m_depth == 2)
            value(); // a list as a field's value (conditions): read past it
        return ++m_depth <= kMaxDepth || fail("nested too deep");
    }
    bool end_array()
    {
        --m_depth;
        return true;
    }
    bool start_map(std::uint32_t)
    {
        if (m_depth == 0)
            return fail("a frame is not an array");
        if (m_depth == 1) {
            m_message = StreamMessage{};
            m_fields = 0;
        } else if (m_depth == 2) {
            value();
        }
        return ++m_depth <= kMaxDepth || fail("nested too deep");
    }
    bool start_map_key()
    {
        if (m_depth == 2)
            m_inKey = true;
        return true;
    }
    bool end_map_key()
    {
        if (m_depth == 2)
            m_inKey = false;
        return true;
    }
    bool end_map()
    {
        if (--m_depth == 1)
            finishMessage();
        return true;
    }
    void parse_error(std::size_t, std::size_t) { result.error = "not MessagePack"; }
    void insufficient_bytes(std::size_t, std::size_t) { result.error = "cut short"; }

    /// The frame's top level was an array (not a lone scalar).
    bool sawArray() const { return m_sawArray; }

private:
    using Key = detail::Key;

    bool fail(const char *why)
    {
        if (!result.error)
            result.error = why;
        return false;
    }

    /// False (and the frame malformed) for a scalar where a message's map belongs.
    bool scalar() { return m_depth != 1 || fail("a frame's element is not a map"); }

    /// A value the decoder does not read (nil, a boolean, binary).
    bool skip()
    {
        if (!scalar())
            return false;
        value();
        return true;
    }

    /// A value at a message's level: true when the decoder reads it (a value under a known
    /// key); a value in key position (a non-string key) only resets the key.
    bool value()
    {
        if (m_depth != 2)
            return false;
        if (m_inKey) {
            m_key = Key::Ignored;
            return false;
        }
        return true;
    }

    static StreamMessageType typeOf(const char *v, std::uint32_t size)
    {
        if (size == 1) {
            switch (v[0]) {
            case 'q': return StreamMessageType::Quote;
            case 't': return StreamMessageType::Trade;
            case 'b': return StreamMessageType::Bar;
            default: return StreamMessageType::Other;
            }
        }
        const std::string_view s(v, size);
        if (s == "success")
            return StreamMessageType::Success;
        if (s == "error")
            return StreamMessageType::Error;
        if (s == "subscription")
            return StreamMessageType::Subscription;
        return StreamMessageType::Other;
    }

    void setPrice(Price &out, std::uint32_t bit, double v) { m_fields |= priceFromDouble(v, out) ? bit : kBadValue; }
    void setSize(std::int32_t &out, std::uint32_t bit, std::uint64_t v)
    {
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max())) {
            m_fields |= kBadValue;
            return;
        }
        out = static_cast<std::int32_t>(v);
        m_fields |= bit;
    }
    void setSize(std::int32_t &out, std::uint32_t bit, double v)
    {
        const double rounded = std::nearbyint(v);
        if (!(rounded >= 0.0 && rounded <= static_cast<double>(std::numeric_limits<std::int32_t>::max()))) {
            m_fields |= kBadValue;
            return;
        }
        out = static_cast<std::int32_t>(rounded);
        m_fields |= bit;
    }

    void finishMessage()
    {
        std::uint32_t needed = 0;
        if (m_message.type == StreamMessageType::Quote)
            needed = kQuoteFields;
        else if (m_message.type == StreamMessageType::Trade)
            needed = kTradeFields;
        if ((m_fields & kBadValue) != 0 || (m_fields & needed) != needed) {
            ++result.incomplete;
            return;
        }
        ++result.messages;
        m_onMessage(static_cast<const StreamMessage &>(m_message));
    }

    OnMessage &m_onMessage;
    StreamMessage m_message;
    std::uint32_t m_fields = 0;
    int m_depth = 0;
    bool m_inKey = false;
    bool m_sawArray = false;
    Key m_key = Key::Ignored;
};

} // namespace detail

template<typename OnMessage> FrameResult decodeFrame(const char *frame, std::size_t size, OnMessage &&onMessage)
{
    detail::FrameVisitor<std::remove_reference_t<OnMessage>> visitor(onMessage);
    std::size_t offset = 0;
    bool parsed = false;
    try {
        parsed = msgpack::parse(frame, size, offset, visitor);
    } catch (const std::exception &) {
        // msgpack-cxx's own limits (a size it cannot hold): the frame is unreadable.
        parsed = false;
    }
    if (!parsed && !visitor.result.error)
        visitor.result.error = size == 0 ? "empty" : "not MessagePack";
    else if (parsed && !visitor.sawArray())
        visitor.result.error = "a frame is not an array";
    else if (parsed && offset != size)
        visitor.result.error = "bytes after the frame's array";
    return visitor.result;
}

} // namespace vigil::alpaca
