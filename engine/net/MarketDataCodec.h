#pragma once
// The market data stream's two encodings, JSON text and MessagePack (what Alpaca's SDKs ask
// for with `Content-Type: application/msgpack` on the upgrade), for what the server sends:
// data messages (quotes "q", trades "t", minute bars "b"), each encoded once per batch into
// an EncodedBatch and copied from there into the frame of every connection that wants it;
// and control messages (success, error, subscription), always a one-element array. Prices
// are numbers (the data stream's, unlike the trading API's strings): in JSON the fixed-point
// value's exact decimal text, in MessagePack the double nearest to it; times are RFC 3339
// text in JSON and MessagePack's timestamp extension (type -1) in MessagePack.
//
// Data messages are written directly, field by field, into one buffer (no JSON or
// MessagePack document per message: this is the gateway's hot path); control messages and
// the client's messages go through QJsonDocument and msgpack-cxx's object model.
//
// Threads: one owner each (the market data hub, on the gateway's network thread).

#include "gateway/GatewayTypes.h"
#include "net/MinuteBars.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::gateway {

enum class Encoding : std::uint8_t { Json, MsgPack };
enum class Channel : std::uint8_t { Trades, Quotes, Bars };
constexpr int kChannelCount = 3;

/// Vigil's venue is one exchange and the simulator has no tapes: every message names the
/// exchange "V" (IEX's code, the feed the SDKs use by default) and the tape "C".
constexpr std::string_view kExchangeCode = "V";
constexpr std::string_view kTape = "C";

/// The data messages of one batch in one encoding, back to back.
class EncodedBatch {
public:
    /// `universe`: the symbols by SymbolId; ticks of other ids are left out.
    EncodedBatch(Encoding encoding, const std::vector<std::string> &universe);

    Encoding encoding() const { return m_encoding; }
    void clear();
    std::size_t size() const { return m_items.size(); }

    void addQuote(const MarketTick &tick);
    void addTrade(const MarketTick &tick);
    void addBar(const MinuteBar &bar);

    /// Appends to `out` one frame (a JSON or MessagePack array) of the batch's messages
    /// that `wanted(Channel, SymbolId)` accepts, in their order; returns how many. Appends
    /// nothing when it accepts none.
    template<typename Wanted> std::size_t frame(std::string &out, Wanted &&wanted) const;

private:
    struct Item {
        std::uint32_t offset;
        std::uint32_t length;
        SymbolId symbol;
        Channel channel;
    };
    /// Appends one message: `write(writer, encodedSymbol)` in the batch's encoding.
    template<typename Write> void add(SymbolId symbol, Channel channel, Write &&write);
    void openFrame(std::string &out, std::size_t count) const;
    void closeFrame(std::string &out) const;

    Encoding m_encoding;
    std::vector<std::string> m_symbols; ///< each symbol already encoded as a string of the encoding
    std::string m_bytes;                ///< JSON items each end with ',' so that neighbours copy in one piece
    std::vector<Item> m_items;
};

/// `[message]` in `encoding` (control messages: success, error, subscription).
std::string controlMessage(Encoding encoding, const QJsonObject &message);
/// [{"T":"error","code":code,"msg":msg}]
std::string errorMessage(Encoding encoding, int code, std::string_view msg);

/// A client's message, JSON text or MessagePack (a client may send either, in a text or a
/// binary frame: the first byte tells them apart), as a JSON object; none if it is neither
/// well-formed nor an object.
std::optional<QJsonObject> decodeClientMessage(std::string_view bytes);

// ---- implementation -------------------------------------------------------------------

template<typename Wanted> std::size_t EncodedBatch::frame(std::string &out, Wanted &&wanted) const
{
    std::size_t count = 0;
    std::size_t bytes = 0;
    for (const Item &item : m_items)
        if (wanted(item.channel, item.symbol)) {
            ++count;
            bytes += item.length;
        }
    if (count == 0)
        return 0;
    out.reserve(out.size() + bytes + 8);
    openFrame(out, count);
    // Runs of wanted neighbours are one copy.
    std::size_t runStart = 0;
    std::size_t runEnd = 0;
    for (const Item &item : m_items) {
        if (!wanted(item.channel, item.symbol))
            continue;
        if (item.offset != runEnd) {
            out.append(m_bytes, runStart, runEnd - runStart);
            runStart = item.offset;
        }
        runEnd = std::size_t{item.offset} + item.length;
    }
    out.append(m_bytes, runStart, runEnd - runStart);
    closeFrame(out);
    return count;
}

} // namespace vigil::gateway
