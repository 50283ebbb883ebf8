#include "net/RequestTarget.h"

#include <QByteArray>

#include <algorithm>

namespace vigil::gateway {

namespace {

std::string decode(std::string_view text, bool plusIsSpace)
{
    QByteArray bytes(text.data(), qsizetype(text.size()));
    if (plusIsSpace)
        bytes.replace('+', ' ');
    return QByteArray::fromPercentEncoding(bytes).toStdString();
}

} // namespace

std::optional<RequestTarget> splitRequestTarget(std::string_view target)
{
    if (target.empty() || target.front() != '/')
        return std::nullopt;
    RequestTarget split;
    const std::size_t mark = target.find('?');
    split.path = decode(target.substr(0, mark), false);
    if (mark == std::string_view::npos)
        return split;
    std::string_view query = target.substr(mark + 1);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
        const std::size_t end = std::min(query.find('&'), query.size());
        const std::string_view pair = query.substr(0, end);
        query.remove_prefix(std::min(end + 1, query.size()));
        if (pair.empty())
            continue;
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos)
            split.query.emplace_back(decode(pair, true), std::string());
        else
            split.query.emplace_back(decode(pair.substr(0, equals), true), decode(pair.substr(equals + 1), true));
    }
    return split;
}

} // namespace vigil::gateway
