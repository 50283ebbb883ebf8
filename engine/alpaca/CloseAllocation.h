#pragma once
// One close-all at Alpaca seen from the engine's books. A flatten of everything sends one
// closing order per book and symbol (each attributable to its strategy); Alpaca's DELETE
// /v2/positions nets the account and closes each symbol with one order of its own, under
// its own ids. This class maps one onto the other. Per symbol, Alpaca's closing order is a
// group: the OrderTracker follows it under the group's id like any order (fills once each,
// in order, gaps fetched), and translate() turns each of its reports into the reports of
// the books' orders it closes (the members):
// - members on the side of Alpaca's order share its fills, in the order they were sent;
// - members on the other side are crossed with them, at the first fill's price: inside the
//   account the shares move from book to book, and the broker only ever sees the net, so
//   the books' sum stays the account's;
// - a fill beyond what the members need closes shares outside the books (logged; the
//   reconciliation that confirms the flatten names them);
// - when Alpaca's order ends, the members not filled end the same way (a group filled
//   before its members are ends them cancelled: the broker held less than the books).
// Each member's execution id is its own cumulative filled quantity after the fill, unique
// per order as the engine's journal needs.
//
// Thread: one owner (the venue's trading thread). Pure bookkeeping: no I/O.

#include "api/Types.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace vigil::alpaca {

class CloseAllocation {
public:
    /// One of the books' closing orders.
    struct Member {
        OrderId id = 0;
        SymbolId symbol = 0;
        Side side = Side::Buy;
        Quantity qty = 0;
    };

    /// Group ids live above every engine order id (the engine numbers from 1 upwards).
    static constexpr OrderId kFirstGroup = OrderId{1} << 62;

    /// A closing order of the batch the next close-all sends (the engine's inCloseAll order).
    void collect(const Member &member) { m_batch.push_back(member); }
    /// The batch is complete (the engine's CloseAll): its members; the next batch starts empty.
    std::vector<Member> takeBatch();

    /// Alpaca's closing order for the symbol of `members`, on `side`: returns the id the
    /// tracker follows it under.
    OrderId open(const std::vector<Member> &members, Side side);
    bool isGroup(OrderId id) const { return m_groups.count(id) != 0; }
    /// The group a member's fills come from (0: none, or not yet opened).
    OrderId groupOf(OrderId member) const;
    /// Shares filled beyond what group `id`'s members needed (outside the books).
    Quantity outside(OrderId id) const;

    /// A report of a group, as its members' reports (appended to `out`).
    void translate(const ExecReport &report, std::vector<ExecReport> &out);

private:
    struct Share {
        Member member;
        Quantity filled = 0;
        bool accepted = false;
        bool done = false;
    };
    struct Group {
        Side side = Side::Buy;
        std::vector<Share> members;
        bool crossed = false;
        Quantity outside = 0;
    };

    static void fill(Share &share, Quantity qty, Price price, std::vector<ExecReport> &out);
    static void acceptAll(Group &group, std::vector<ExecReport> &out);
    /// The members on both sides, crossed with each other at `price`, once.
    static void cross(Group &group, Price price, std::vector<ExecReport> &out);
    /// The members not filled, ended as `type`.
    static void finish(Group &group, ExecType type, RejectReason reason, std::vector<ExecReport> &out);

    std::vector<Member> m_batch;
    std::unordered_map<OrderId, Group> m_groups;
    std::unordered_map<OrderId, OrderId> m_groupOf; ///< member -> group
    OrderId m_nextGroup = kFirstGroup;
};

} // namespace vigil::alpaca
