#include "alpaca/CloseAllocation.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace vigil::alpaca {

namespace {
Quantity remaining(Quantity qty, Quantity filled) { return qty - filled; }
}

std::vector<CloseAllocation::Member> CloseAllocation::takeBatch()
{
    std::vector<Member> batch;
    batch.swap(m_batch);
    return batch;
}

OrderId CloseAllocation::open(const std::vector<Member> &members, Side side)
{
    const OrderId id = m_nextGroup++;
    Group &group = m_groups[id];
    group.side = side;
    for (const Member &m : members) {
        group.members.push_back(Share{m});
        m_groupOf[m.id] = id;
    }
    return id;
}

OrderId CloseAllocation::groupOf(OrderId member) const
{
    const auto it = m_groupOf.find(member);
    return it == m_groupOf.end() ? 0 : it->second;
}

Quantity CloseAllocation::outside(OrderId id) const
{
    const auto it = m_groups.find(id);
    return it == m_groups.end() ? 0 : it->second.outside;
}

void CloseAllocation::fill(Share &share, Quantity qty, Price price, std::vector<ExecReport> &out)
{
    share.filled += qty;
    ExecReport r = execReport(share.member.id, ExecType::Fill);
    r.fillQty = qty;
    r.fillPrice = price;
    r.fee = Money();
    r.leavesQty = remaining(share.member.qty, share.filled);
    r.executionId = static_cast<std::uint64_t>(share.filled);
    out.push_back(r);
    if (share.filled == share.member.qty)
        share.done = true;
}

void CloseAllocation::acceptAll(Group &group, std::vector<ExecReport> &out)
{
    for (Share &s : group.members)
        if (!s.accepted && !s.done) {
            s.accepted = true;
            out.push_back(execReport(s.member.id, ExecType::Accepted));
        }
}

void CloseAllocation::cross(Group &group, Price price, std::vector<ExecReport> &out)
{
    group.crossed = true;
    Quantity along = 0;
    Quantity against = 0;
    for (const Share &s : group.members)
        (s.member.side == group.side ? along : against) += remaining(s.member.qty, s.filled);
    const Quantity crossing = std::min(along, against);
    if (crossing == 0)
        return;
    // The same quantity on both sides: what one book sells, another buys.
    for (const bool sameSide : {false, true}) {
        Quantity left = crossing;
        for (Share &s : group.members) {
            if (left == 0)
                break;
            if ((s.member.side == group.side) != sameSide || s.done)
                continue;
            const Quantity q = std::min(left, remaining(s.member.qty, s.filled));
            fill(s, q, price, out);
            left -= q;
        }
    }
}

void CloseAllocation::finish(Group &group, ExecType type, RejectReason reason, std::vector<ExecReport> &out)
{
    for (Share &s : group.members) {
        if (s.done)
            continue;
        s.done = true;
        // An order the engine holds as accepted cannot be refused any more: it was cancelled.
        ExecReport r = execReport(s.member.id, type == ExecType::Rejected && s.accepted ? ExecType::Cancelled : type);
        if (r.type == ExecType::Rejected)
            r.reason = reason;
        out.push_back(r);
    }
}

void CloseAllocation::translate(const ExecReport &r, std::vector<ExecReport> &out)
{
    const auto it = m_groups.find(r.orderId);
    if (it == m_groups.end())
        return;
    Group &group = it->second;
    switch (r.type) {
    case ExecType::Accepted: acceptAll(group, out); break;
    case ExecType::Fill: {
        acceptAll(group, out);
        if (!group.crossed)
            cross(group, r.fillPrice, out);
        Quantity left = r.fillQty;
        for (Share &s : group.members) {
            if (left == 0)
                break;
            if (s.member.side != group.side || s.done)
                continue;
            const Quantity q = std::min(left, remaining(s.member.qty, s.filled));
            fill(s, q, r.fillPrice, out);
            left -= q;
        }
        if (left > 0) {
            group.outside += left;
            spdlog::warn("alpaca: the close-all sold or bought {} share(s) more than the books held; they were "
                         "outside the books",
                         left);
        }
        if (r.leavesQty == 0)
            finish(group, ExecType::Cancelled, RejectReason::None, out); // the broker held less than the books
        break;
    }
    case ExecType::Cancelled:
    case ExecType::Expired:
    case ExecType::Rejected: finish(group, r.type, r.reason, out); break;
    case ExecType::CancelReject:
        for (const Share &s : group.members)
            if (!s.done) {
                ExecReport refused = execReport(s.member.id, ExecType::CancelReject);
                refused.reason = r.reason;
                out.push_back(refused);
            }
        break;
    }
}

} // namespace vigil::alpaca
